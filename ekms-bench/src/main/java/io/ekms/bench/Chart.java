package io.ekms.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained HTML page of a run: two inline SVG charts, throughput and p99 latency against
 * concurrency (closed loop), one line per scenario, ekms beside the ceiling and the peer. No
 * scripts, no external resources.
 */
final class Chart {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 200;
  private static final int TOP = 30;
  private static final int BOTTOM = 40;
  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39"
  };

  private Chart() {}

  static String html(Outcome outcome, String title) {
    Map<String, List<Result>> series = series(outcome.results());
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title></head>\n<body style=\"font-family:sans-serif\">\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    page.append(svg("Throughput (ops/s) against concurrency", series, Result::opsPerSecond));
    page.append(svg("p99 latency (ms) against concurrency", series, Result::p99Ms));
    page.append("<h2>Targets</h2>\n<ul>\n");
    for (Target t : outcome.targets()) {
      page.append("<li>[")
          .append(t.status())
          .append("] ")
          .append(escape(t.name()))
          .append(": ")
          .append(escape(t.measured()))
          .append(" (goal ")
          .append(escape(t.goal()))
          .append(")</li>\n");
    }
    page.append("</ul>\n<h2>Notes</h2>\n<ul>\n");
    outcome.notes().forEach(n -> page.append("<li>").append(escape(n)).append("</li>\n"));
    return page.append("</ul>\n</body></html>\n").toString();
  }

  /** Closed-loop points grouped by scenario, in order of concurrency. */
  static Map<String, List<Result>> series(List<Result> results) {
    Map<String, List<Result>> out = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.mode().equals("closed")) {
        out.computeIfAbsent(r.scenario(), s -> new ArrayList<>()).add(r);
      }
    }
    out.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.concurrency(), b.concurrency())));
    return out;
  }

  static String svg(
      String title, Map<String, List<Result>> series, ToDoubleFunction<Result> value) {
    List<Integer> xs =
        new ArrayList<>(
            new TreeSet<>(
                series.values().stream().flatMap(List::stream).map(Result::concurrency).toList()));
    double max = series.values().stream().flatMap(List::stream).mapToDouble(value).max().orElse(1);
    double top = max <= 0 ? 1 : max * 1.1;
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append(text(LEFT, 18, escape(title), "start"))
        .append(line(LEFT, TOP, LEFT, TOP + plotH))
        .append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      int y = TOP + plotH - plotH * i / 4;
      svg.append(text(LEFT - 6, y + 4, label(v), "end"));
    }
    for (int i = 0; i < xs.size(); i++) {
      svg.append(text(x(i, xs.size(), plotW), TOP + plotH + 18, "c=" + xs.get(i), "middle"));
    }
    int colour = 0;
    int legendY = TOP;
    for (var e : series.entrySet()) {
      String c = COLOURS[colour++ % COLOURS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder markers = new StringBuilder();
      for (Result r : e.getValue()) {
        int px = x(xs.indexOf(r.concurrency()), xs.size(), plotW);
        double py = TOP + plotH - plotH * value.applyAsDouble(r) / top;
        points.append(String.format(Locale.ROOT, "%d,%.1f ", px, py));
        markers.append(
            String.format(
                Locale.ROOT, "<circle cx=\"%d\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", px, py, c));
      }
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(c)
          .append("\" stroke-width=\"2\" points=\"")
          .append(points.toString().strip())
          .append("\"><title>")
          .append(escape(e.getKey()))
          .append("</title></polyline>\n")
          .append(markers);
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>\n",
              LEFT + plotW + 12,
              legendY,
              c));
      svg.append(text(LEFT + plotW + 26, legendY + 9, escape(e.getKey()), "start"));
      legendY += 16;
    }
    return svg.append("</svg>\n").toString();
  }

  static String label(double v) {
    return v >= 100 || v == 0
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static int x(int index, int count, int plotW) {
    return count <= 1 ? LEFT + plotW / 2 : LEFT + 20 + (plotW - 40) * index / (count - 1);
  }

  private static String line(int x1, int y1, int x2, int y2) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(int x, int y, String escaped, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"%s\">%s</text>\n",
        x,
        y,
        anchor,
        escaped);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
