// ekms console: the overview's live charts. Polls /console/overview/live every 2 s and draws, per
// protocol, requests a second and the p99 latency over the last minute, computed from the
// differences of the server's cumulative counters. No other script runs on any page.
(function () {
  'use strict';
  var root = document.getElementById('charts');
  if (!root) { return; }
  var url = root.getAttribute('data-live');
  var KEEP = 30, PERIOD = 2000, SVG = 'http://www.w3.org/2000/svg';
  var history = {}, previous = null, cards = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function p99(bounds, now, before, count) {
    if (count <= 0) { return null; }
    var target = count * 0.99;
    for (var i = 0; i < bounds.length; i++) {
      if (now[i] - before[i] >= target) { return bounds[i]; }
    }
    return '>' + bounds[bounds.length - 1];
  }

  function card(name) {
    if (cards[name]) { return cards[name]; }
    var c = el('div', 'chart');
    c.setAttribute('role', 'group');
    c.setAttribute('aria-label', name + ' requests');
    c.appendChild(el('h3', null, name));
    var figures = el('div', 'figures');
    var rps = el('span'); var lat = el('span');
    figures.appendChild(rps); figures.appendChild(lat);
    c.appendChild(figures);
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 300 90');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    var axis = document.createElementNS(SVG, 'line');
    axis.setAttribute('class', 'axis');
    axis.setAttribute('x1', '0'); axis.setAttribute('x2', '300');
    axis.setAttribute('y1', '89'); axis.setAttribute('y2', '89');
    var line = document.createElementNS(SVG, 'polyline'); line.setAttribute('class', 'rps');
    var line99 = document.createElementNS(SVG, 'polyline'); line99.setAttribute('class', 'p99');
    svg.appendChild(axis); svg.appendChild(line); svg.appendChild(line99);
    c.appendChild(svg);
    c.appendChild(el('div', 'legend', 'solid: requests a second · dashed: p99 (ms)'));
    var refusals = el('ul', 'refusals');
    c.appendChild(refusals);
    root.appendChild(c);
    cards[name] = { rps: rps, lat: lat, line: line, line99: line99, refusals: refusals };
    return cards[name];
  }

  function points(values) {
    var max = 1;
    values.forEach(function (v) { if (v > max) { max = v; } });
    // The newest sample sits at the right edge; a short history fills from the right.
    var offset = KEEP - values.length;
    return values.map(function (v, i) {
      return ((offset + i) * 300 / (KEEP - 1)).toFixed(1) + ',' + (88 - v / max * 84).toFixed(1);
    }).join(' ');
  }

  function draw(name, h, protocol) {
    var c = card(name);
    var last = h[h.length - 1];
    c.rps.innerHTML = '';
    c.rps.appendChild(el('strong', null, last ? last.rps.toFixed(1) : '0'));
    c.rps.appendChild(document.createTextNode(' req/s'));
    c.lat.textContent = 'p99 ' + (last && last.p99 !== null ? last.p99 + ' ms' : '–');
    c.line.setAttribute('points', points(h.map(function (s) { return s.rps; })));
    c.line99.setAttribute('points', points(h.map(function (s) {
      return typeof s.p99 === 'number' ? s.p99 : 0;
    })));
    c.refusals.innerHTML = '';
    Object.keys(protocol.refusals).forEach(function (reason) {
      c.refusals.appendChild(el('li', null, reason + ': ' + protocol.refusals[reason] + ' since start'));
    });
  }

  function tick() {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.onload = function () {
      if (xhr.status !== 200 || xhr.responseURL.indexOf('/console/login') >= 0) { return; }
      var now = JSON.parse(xhr.responseText), at = Date.now();
      Object.keys(now.protocols).forEach(function (name) {
        var p = now.protocols[name];
        var h = history[name] || (history[name] = []);
        if (previous && previous.data.protocols[name]) {
          var b = previous.data.protocols[name];
          var n = p.count - b.count, secs = (at - previous.at) / 1000;
          h.push({ rps: secs > 0 ? n / secs : 0, p99: p99(now.boundsMillis, p.atMost, b.atMost, n) });
          if (h.length > KEEP) { h.shift(); }
        }
        draw(name, h, p);
      });
      Object.keys(now.health).forEach(function (check) {
        var li = document.querySelector('[data-check="' + check + '"] .badge');
        if (li) {
          li.textContent = now.health[check];
          li.className = 'badge ' + (now.health[check] === 'UP' ? 'good' : 'bad');
        }
      });
      previous = { at: at, data: now };
    };
    xhr.send();
  }
  tick();
  setInterval(tick, PERIOD);
})();
