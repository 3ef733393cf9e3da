package io.ekms.conformance.report;

import io.ekms.conformance.Outcome;
import io.ekms.conformance.Report;
import io.ekms.conformance.Verdict;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report in the JUnit XML shape CI systems read: one {@code testsuite} named after the
 * protocol, one {@code testcase} per check (class name = the suite, name = the check's id), with
 * {@code failure}, {@code error} or {@code skipped} and the detail as message. Written with the
 * JDK's StAX, so every value is escaped.
 */
public final class JunitXml {
  private JunitXml() {}

  public static String render(Report report) {
    var out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "ekms-conformance." + report.suite());
      xml.writeAttribute("tests", Integer.toString(report.outcomes().size()));
      xml.writeAttribute("failures", Long.toString(report.count(Verdict.FAIL)));
      xml.writeAttribute("errors", Long.toString(report.count(Verdict.ERROR)));
      xml.writeAttribute("skipped", Long.toString(report.count(Verdict.SKIP)));
      xml.writeAttribute(
          "time", seconds(report.outcomes().stream().mapToLong(o -> o.took().toMillis()).sum()));
      xml.writeAttribute("timestamp", report.started().toString());
      xml.writeStartElement("properties");
      xml.writeEmptyElement("property");
      xml.writeAttribute("name", "endpoint");
      xml.writeAttribute("value", report.endpoint());
      xml.writeEndElement();
      for (Outcome o : report.outcomes()) {
        testcase(xml, report.suite(), o);
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit XML", e);
    }
    return out.toString();
  }

  private static void testcase(XMLStreamWriter xml, String suite, Outcome o)
      throws XMLStreamException {
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", "ekms-conformance." + suite);
    xml.writeAttribute("name", o.id());
    xml.writeAttribute("time", seconds(o.took().toMillis()));
    String element =
        switch (o.verdict()) {
          case FAIL -> "failure";
          case ERROR -> "error";
          case SKIP -> "skipped";
          case PASS -> null;
        };
    if (element != null) {
      xml.writeStartElement(element);
      xml.writeAttribute("message", o.detail());
      xml.writeCharacters(o.title());
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
