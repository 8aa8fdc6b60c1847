/* site.js: search, filters, sorting, the defang toggle and the CSV
 * export of sec-site's pages.  No framework and nothing fetched from
 * outside: the rows come from data/*.js files beside the pages, loaded
 * as scripts (a browser refuses to fetch a local file), one quarter at
 * a time, newest first.  The state lives in the URL, so a search is a
 * link.  Every value is put in the page as text, never as markup. */
(function () {
	'use strict';

	var SEC = window.SEC = window.SEC || {};
	var params = new URLSearchParams(location.search);
	var page = document.body.getAttribute('data-page');
	var root = document.body.getAttribute('data-root') || '';
	var MAXROWS = 200;	/* rows drawn at once */

	if (params.get('embed') === '1')
		document.documentElement.classList.add('embed');
	/* links inside the site keep the embedded view */
	if (params.get('embed') === '1') {
		Array.prototype.forEach.call(document.querySelectorAll('a[href]'),
		    function (a) {
			var h = a.getAttribute('href');
			if (/^[a-z]+:/i.test(h) || h.charAt(0) === '#')
				return;
			a.setAttribute('href', h + (h.indexOf('?') < 0 ? '?' : '&') +
			    'embed=1');
		});
	}

	SEC.rows = {};
	SEC.parts = {};
	SEC.add = function (kind, part, fields, rows) {
		SEC.fields = SEC.fields || {};
		SEC.fields[kind] = fields;
		SEC.rows[kind] = (SEC.rows[kind] || []).concat(rows);
		SEC.parts[kind] = (SEC.parts[kind] || 0) + 1;
	};

	function el(tag, text, cls) {
		var e = document.createElement(tag);
		if (text !== undefined && text !== null)
			e.textContent = String(text);
		if (cls)
			e.className = cls;
		return e;
	}

	function link(href, text) {
		var a = el('a', text);
		a.setAttribute('href', href);
		return a;
	}

	/* Only http(s) URLs become links. */
	function safeUrl(u) {
		return /^https?:\/\//i.test(u || '');
	}

	function loadAll(kind, done) {
		var parts = (SEC.manifest && SEC.manifest[kind]) || [];
		var i = 0;
		function next() {
			if (i >= parts.length) {
				done();
				return;
			}
			var s = document.createElement('script');
			s.src = root + 'data/' + kind + '-' + parts[i++] + '.js';
			s.onload = next;
			s.onerror = next;
			document.head.appendChild(s);
		}
		next();
	}

	function setState(form) {
		var q = new URLSearchParams();
		Array.prototype.forEach.call(form.elements, function (c) {
			if (!c.name)
				return;
			if (c.type === 'checkbox') {
				if (c.checked !== c.defaultChecked)
					q.set(c.name, c.checked ? '1' : '0');
			} else if (c.value !== '')
				q.set(c.name, c.value);
		});
		if (params.get('embed') === '1')
			q.set('embed', '1');
		var s = q.toString();
		try {
			history.replaceState(null, '', s ? '?' + s : location.pathname);
		} catch (e) { /* some browsers refuse it under file:// */ }
		var share = document.getElementById('share');
		if (share)
			share.setAttribute('href', s ? '?' + s : '?');
	}

	function readState(form) {
		Array.prototype.forEach.call(form.elements, function (c) {
			if (!c.name || !params.has(c.name))
				return;
			if (c.type === 'checkbox')
				c.checked = params.get(c.name) === '1';
			else
				c.value = params.get(c.name);
		});
	}

	/* A table page: spec.filter(form) gives the test of a row for the
	 * form's values, spec.text(row) its search text, spec.draw(row, tr)
	 * fills a row. */
	function tablePage(kind, spec) {
		var form = document.getElementById('filters');
		var tbody = document.querySelector('table.data tbody');
		var status = document.getElementById('status');
		var sortCol = spec.sortCol, sortDir = -1, shown = [];

		readState(form);
		var lower = [];	/* each row's search text, made once */
		function index() {	/* once, when the rows are loaded */
			var all = SEC.rows[kind] || [], t0 = performance.now();
			for (var i = lower.length; i < all.length; i++)
				lower.push(spec.text(all[i]).toLowerCase());
			document.body.setAttribute('data-index-ms',
			    (performance.now() - t0).toFixed(1));
		}
		function run() {
			var t0 = performance.now();
			var all = SEC.rows[kind] || [];
			var q = (form.elements.q && form.elements.q.value || '')
			    .toLowerCase().trim();
			var keep = spec.filter(form);
			var i, r;
			if (lower.length !== all.length)
				index();
			shown = [];
			for (i = 0; i < all.length; i++) {
				r = all[i];
				if ((q === '' || lower[i].indexOf(q) >= 0) && keep(r))
					shown.push(r);
			}
			shown.sort(function (a, b) {
				var x = a[sortCol], y = b[sortCol];
				return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
			});
			var frag = document.createDocumentFragment();
			shown.slice(0, MAXROWS).forEach(function (r) {
				var tr = document.createElement('tr');
				spec.draw(r, tr, form);
				frag.appendChild(tr);
			});
			tbody.textContent = '';
			tbody.appendChild(frag);
			status.textContent = shown.length + ' / ' + all.length +
			    (shown.length > MAXROWS ? ' (showing the first ' + MAXROWS +
			    ')' : '');
			if (spec.after)
				spec.after(shown, form);
			document.body.setAttribute('data-filter-ms',
			    (performance.now() - t0).toFixed(1));
			document.body.setAttribute('data-shown', String(shown.length));
		}
		form.addEventListener('input', function () {
			setState(form);
			run();
		});
		form.addEventListener('submit', function (e) {
			e.preventDefault();
		});
		Array.prototype.forEach.call(document.querySelectorAll(
		    'table.data th[data-sort]'), function (th) {
			th.addEventListener('click', function () {
				var c = +th.getAttribute('data-sort');
				sortDir = c === sortCol ? -sortDir : 1;
				sortCol = c;
				run();
			});
		});
		status.textContent = 'loading…';
		loadAll(kind, function () {
			if (spec.ready)
				spec.ready(form);
			readState(form);
			index();
			run();
			/* ?bench=N: run the filter N times more, as keystrokes
			 * would, and keep the median time (bench/site-build) */
			var n = +params.get('bench') || 0, times = [];
			for (var k = 0; k < n && k < 100; k++) {
				run();
				times.push(+document.body.getAttribute('data-filter-ms'));
			}
			if (times.length) {
				times.sort(function (a, b) { return a - b; });
				document.body.setAttribute('data-filter-ms',
				    times[times.length >> 1].toFixed(1));
			}
			document.body.setAttribute('data-ready', '1');
		});
	}

	/* fill a select with the values a column has */
	function options(sel, rows, col, split) {
		if (!sel)
			return;
		var seen = {}, vals = [];
		rows.forEach(function (r) {
			var v = r[col];
			(split ? String(v || '').split(split) : [v]).forEach(function (x) {
				x = String(x || '').trim();
				if (x && !seen[x]) {
					seen[x] = 1;
					vals.push(x);
				}
			});
		});
		vals.sort();
		vals.forEach(function (v) {
			var o = el('option', v);
			o.value = v;
			sel.appendChild(o);
		});
	}

	function has(hay, needle) {
		return !needle || String(hay || '').toLowerCase()
		    .indexOf(needle.toLowerCase()) >= 0;
	}

	/* --- the IOC page: fields of data/iocs-*.js --- */
	var I = { type: 0, value: 1, category: 2, actor: 3, malware: 4,
	    first: 5, last: 6, reference: 7, day: 8, anchor: 9, title: 10,
	    attribution: 11, mtype: 12, description: 13, csvtype: 14,
	    defanged: 15 };

	function csvField(s) {
		s = String(s === undefined || s === null ? '' : s);
		return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
	}

	function iocCsv(rows) {
		var out = ['ioc_type,ioc_value,date,category,actor,actor_attribute,' +
		    'malware,malware_type,reference,description,author,confidence'];
		rows.forEach(function (r) {
			out.push([r[I.csvtype], r[I.value], r[I.first],
			    r[I.category] || 'unknown', r[I.actor] || 'unknown',
			    r[I.attribution] || 'unknown', r[I.malware] || 'unknown',
			    r[I.mtype] || 'unknown', r[I.reference],
			    r[I.description] || 'Exported from the sec-tools archive.',
			    'sec-tools archive', 'medium'].map(csvField).join(','));
		});
		return out.join('\n') + '\n';
	}

	if (page === 'iocs') {
		var exportLink = document.getElementById('export');
		var current = [];
		var setExport = function () {
			exportLink.setAttribute('href',
			    'data:text/csv;charset=utf-8,' +
			    encodeURIComponent(iocCsv(current)));
		};
		exportLink.addEventListener('mousedown', setExport);
		exportLink.addEventListener('focus', setExport);
		exportLink.addEventListener('click', setExport);
		tablePage('iocs', {
			sortCol: I.last,
			text: function (r) {
				return (r[I.value] + ' ' + r[I.actor] + ' ' + r[I.malware] +
				    ' ' + r[I.title]).toLowerCase();
			},
			ready: function (f) {
				var rows = SEC.rows.iocs || [];
				options(f.elements.type, rows, I.type);
				options(f.elements.category, rows, I.category);
			},
			filter: function (f) {
				var e = f.elements, type = e.type.value;
				var cat = e.category.value, actor = e.actor.value;
				var mal = e.malware.value, day = e.day.value;
				return function (r) {
					return (!type || r[I.type] === type) &&
					    (!cat || r[I.category] === cat) &&
					    has(r[I.actor], actor) && has(r[I.malware], mal) &&
					    (!day || r[I.day].indexOf(day) === 0 ||
					    (r[I.first] <= day && day <= r[I.last]));
				};
			},
			draw: function (r, tr, f) {
				var fang = f.elements.defang.checked;
				tr.appendChild(el('td', r[I.type]));
				tr.appendChild(el('td', fang ? r[I.defanged] : r[I.value],
				    'ioc'));
				tr.appendChild(el('td', r[I.category]));
				tr.appendChild(el('td', r[I.actor]));
				tr.appendChild(el('td', r[I.malware]));
				tr.appendChild(el('td', r[I.first]));
				tr.appendChild(el('td', r[I.last]));
				var td = el('td');
				if (safeUrl(r[I.reference]))
					td.appendChild(link(r[I.reference], 'source'));
				tr.appendChild(td);
				td = el('td');
				td.appendChild(link(root + 'day/' + r[I.anchor], r[I.title]));
				tr.appendChild(td);
			},
			after: function (rows) {
				current = rows;
				if (rows.length <= 2000)
					setExport();
				else
					exportLink.removeAttribute('href');
			}
		});
	}

	/* --- the news page --- */
	var N = { date: 0, title: 1, url: 2, section: 3, summary: 4, cves: 5,
	    niocs: 6, anchor: 7 };
	if (page === 'news') {
		tablePage('news', {
			sortCol: N.date,
			text: function (r) {
				return (r[N.title] + ' ' + r[N.summary] + ' ' + r[N.cves])
				    .toLowerCase();
			},
			ready: function (f) {
				var rows = SEC.rows.news || [];
				var years = rows.map(function (r) {
					return [r[N.date].slice(0, 4)];
				});
				options(f.elements.year, years, 0);
				options(f.elements.month, rows.map(function (r) {
					return [r[N.date].slice(5, 7)];
				}), 0);
			},
			filter: function (f) {
				var e = f.elements, year = e.year.value;
				var month = e.month.value, iocs = e.iocs.checked;
				var cve = e.cve.checked;
				return function (r) {
					return (!year || r[N.date].slice(0, 4) === year) &&
					    (!month || r[N.date].slice(5, 7) === month) &&
					    (!iocs || r[N.niocs] > 0) &&
					    (!cve || r[N.cves] !== '');
				};
			},
			draw: function (r, tr) {
				tr.appendChild(el('td', r[N.date]));
				var td = el('td');
				td.appendChild(link(root + 'day/' + r[N.anchor], r[N.title]));
				tr.appendChild(td);
				tr.appendChild(el('td', r[N.section]));
				tr.appendChild(el('td', r[N.summary]));
				tr.appendChild(el('td', r[N.cves]));
				tr.appendChild(el('td', r[N.niocs], 'num'));
			}
		});
	}

	/* --- the events page --- */
	var E = { date: 0, type: 1, title: 2, review: 3, followup: 4, tags: 5,
	    anchor: 6, key: 7 };
	if (page === 'events') {
		tablePage('events', {
			sortCol: E.date,
			text: function (r) {
				return (r[E.title] + ' ' + r[E.key] + ' ' + r[E.tags])
				    .toLowerCase();
			},
			ready: function (f) {
				var rows = SEC.rows.events || [];
				options(f.elements.month, rows.map(function (r) {
					return [r[E.date].slice(0, 7)];
				}), 0);
				options(f.elements.type, rows, E.type);
				options(f.elements.tag, rows, E.tags, ' ');
			},
			filter: function (f) {
				var e = f.elements, month = e.month.value;
				var type = e.type.value, review = e.review.value;
				var followup = e.followup.value, tag = e.tag.value;
				return function (r) {
					return (!month || r[E.date].indexOf(month) === 0) &&
					    (!type || r[E.type] === type) &&
					    (!review || (r[E.review] ? '1' : '0') === review) &&
					    (!followup || r[E.followup] === followup) &&
					    (!tag || (' ' + r[E.tags] + ' ')
					    .indexOf(' ' + tag + ' ') >= 0);
				};
			},
			draw: function (r, tr) {
				tr.appendChild(el('td', r[E.date]));
				tr.appendChild(el('td', r[E.type]));
				var td = el('td');
				td.appendChild(link(root + 'day/' + r[E.anchor], r[E.title]));
				tr.appendChild(td);
				tr.appendChild(el('td', r[E.review] ? 'yes' : ''));
				tr.appendChild(el('td', r[E.followup]));
				tr.appendChild(el('td', r[E.tags], 'muted'));
			}
		});
	}
}());
