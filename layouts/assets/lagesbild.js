/* Lägesbild's client-side callbacks (wired in callbacks/routing.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  lagesbild: {
    /* The navbar's "Meny" button on narrow screens: opens and closes the menu, and closes it
       when the page changes; aria-expanded follows. */
    toggleMenu: function (clicks, pathname, isOpen) {
        const ctx = window.dash_clientside.callback_context;
        const clicked = ctx.triggered.some(t => t.prop_id === "menu-toggle.n_clicks");
        const open = clicked ? !isOpen : false;
        return [open, open ? "true" : "false"];
    },

    /* The browser tab names the page (WCAG 2.4.2); the server decides the title. */
    setTitle: function (title) {
        document.title = (title || "Lägesbild") + " – Lägesbild";
        window.dash_clientside.lagesbild.goToHash();
        return window.dash_clientside.no_update;
    },

    /* A page's filters, as the server wrote them (callbacks/routing.py FILTER_QUERY), into the
       address, so that it reproduces the view. */
    queryToAddress: function (query) {
        if (typeof query !== "string" || query === window.location.search) {
            return window.dash_clientside.no_update;
        }
        return query;
    },

    /* Händelser: on a phone the correction form sits below the grid; bring it into view when
       a row is opened (the title changes), so the selection visibly did something. */
    revealCorrection: function (title) {
        const panel = document.getElementById("correct-panel");
        if (title && panel && window.innerWidth < 992) {
            panel.scrollIntoView({behavior: "smooth", block: "start"});
        }
        return window.dash_clientside.no_update;
    },

    /* A link to a place on a page ("/?measure=completion#overview-councils-title") arrives
       before the page is built, and figures drawn above the place push it down: keep it in view
       while the page grows, until the user scrolls, clicks or types (at most a few seconds). */
    goToHash: function () {
        const target = decodeURIComponent(window.location.hash.slice(1));
        if (!target) { return; }
        const events = ["wheel", "touchstart", "keydown", "mousedown"];
        let done = false;
        const go = function () {
            const el = !done && document.getElementById(target);
            if (el) { el.scrollIntoView(); }
        };
        const observer = new ResizeObserver(go);
        const end = function () {
            done = true;
            observer.disconnect();
            events.forEach(e => window.removeEventListener(e, end));
        };
        events.forEach(e => window.addEventListener(e, end, {passive: true}));
        observer.observe(document.body);
        setTimeout(end, 4000);
        setTimeout(go, 0);
    },

    /* Every chart's numbers as a table (layouts/chart_table.py): the figure is kept beside its
       table's place, and the table is built (plain DOM, see chartTables below) only while its
       "Visa siffrorna som tabell" is open. Building a few hundred rows as Dash components for
       every chart on every load cost the browser seconds at national scale. */
    figureTable: function (fig) {
        const ctx = window.dash_clientside.callback_context;
        const output = ctx && ctx.outputs_list;
        const name = output && output.id && output.id.name;
        const holder = name && document.getElementById(name + "-table");
        if (holder) { window.lagesbildChartTables.show(holder, fig); }
        return window.dash_clientside.no_update;
    }
  }
});

/* The chart tables: built from the figure itself so a table can never disagree with its
   chart, and built only when opened. Rows and columns as the chart shows them: a heat map's
   cells (its own Swedish labels), a scatter's named points with both axes, or bars and lines as
   categories × series (a bar's own label where it has one, e.g. "41 % (14 av 34) – låg
   svarsfrekvens"). */
window.lagesbildChartTables = (function () {
    const axisTitle = (layout, axis, fallback) => {
        const title = (layout[axis] || {}).title;
        return (title && (title.text || title)) || fallback;
    };
    /* {header, rows} of the figure, or null when it has nothing to show. */
    const figureRows = fig => {
        const traces = ((fig && fig.data) || []).filter(
            t => ["bar", "scatter", "heatmap"].includes(t.type));
        if (!traces.length) { return null; }
        const layout = fig.layout || {};
        const first = traces[0];
        if (first.type === "heatmap") {
            const shown = first.text || first.z;
            return {header: ["", ...first.x], rows: first.y.map((name, i) => [name, ...shown[i]])};
        }
        if (first.type === "scatter" && first.text && (first.mode || "").includes("markers")) {
            return {
                header: ["", axisTitle(layout, "xaxis", "x"), axisTitle(layout, "yaxis", "y")],
                rows: first.text.map((name, i) => [name, first.x[i], first.y[i]]),
            };
        }
        const [cat, val] = first.orientation === "h" ? ["y", "x"] : ["x", "y"];
        const categories = [];
        const seen = new Set();
        const columns = traces.map(t => {
            const keys = t[cat] || [];
            const useText = t.type === "bar" && Array.isArray(t.text)
                && t.text.length === keys.length;
            const values = useText ? t.text : (t[val] || []);
            const column = new Map();
            keys.forEach((k, i) => {
                if (!seen.has(k)) { seen.add(k); categories.push(k); }
                column.set(k, values[i]);
            });
            return column;
        });
        return {
            header: ["", ...traces.map(t => t.name || axisTitle(layout, val + "axis", "Värde"))],
            rows: categories.map(c => [c, ...columns.map(column => column.get(c))]),
        };
    };
    const whole = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 0});
    const decimal = new Intl.NumberFormat(
        "sv-SE", {minimumFractionDigits: 1, maximumFractionDigits: 1});
    const cell = (v, wholeColumn) => (v === null || v === undefined || v === "") ? "\u2013"
        : (typeof v === "number" ? (wholeColumn ? whole : decimal).format(v) : String(v));
    const element = (tag, text, props) => {
        const el = document.createElement(tag);
        if (text !== undefined) { el.textContent = text; }
        Object.assign(el, props || {});
        return el;
    };
    const build = fig => {
        const found = figureRows(fig);
        if (!found) { return element("p", "Inga siffror att visa."); }
        const {header, rows} = found;
        // One format per column, so 59 and 47,6 in a column of shares read 59,0 and 47,6.
        const wholeColumns = header.slice(1).map((_, i) => rows.every(
            row => typeof row[i + 1] !== "number" || Number.isInteger(row[i + 1])));
        const table = element("table", undefined, {className: "table table-sm table-striped mb-0"});
        const head = table.createTHead().insertRow();
        header.forEach((h, i) => head.appendChild(
            element("th", String(h), {scope: "col", className: i ? "text-end" : ""})));
        const body = table.createTBody();
        rows.forEach(row => {
            const tr = body.insertRow();
            tr.appendChild(element("th", String(row[0]), {scope: "row"}));
            row.slice(1).forEach((v, i) => tr.appendChild(
                element("td", cell(v, wholeColumns[i]), {className: "text-end"})));
        });
        return table;
    };
    /* The table goes into the Dash div inside the holder, whose children Dash never sets. */
    const render = holder => {
        const target = holder.firstElementChild || holder;
        target.replaceChildren(build(holder.lbFigure));
        holder.lbDrawn = holder.lbFigure;
    };
    const isOpen = holder => {
        const details = holder.closest("details");
        return !details || details.open;
    };
    const show = (holder, fig) => {
        holder.lbFigure = fig;
        if (isOpen(holder)) {
            render(holder);
        } else if (holder.lbDrawn !== undefined) {
            (holder.firstElementChild || holder).replaceChildren();  // stale: rebuilt on opening
            holder.lbDrawn = undefined;
        }
    };
    // "toggle" does not bubble; listen while it is captured on its way down.
    document.addEventListener("toggle", event => {
        const details = event.target;
        if (!(details instanceof HTMLDetailsElement) || !details.open) { return; }
        details.querySelectorAll("[id$='-table']").forEach(holder => {
            if (holder.lbFigure !== undefined && holder.lbDrawn !== holder.lbFigure) {
                render(holder);
            }
        });
    }, true);
    return {show: show};
})();

/* Print (layouts/assets/print.css hides navigation, filters and controls). On paper a header
   names the page, the filters as their controls show them and the date; charts and grids are
   redrawn for the width of an A4 page before printing and restored afterwards. */
(function () {
    const PRINT_CHART_WIDTH = 640;  // A4 portrait (186 mm between 12 mm margins) less a card's padding
    const today = () => {
        const d = new Date();
        const pad = n => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    };
    const matches = (pattern, path) => {
        const want = pattern.replace(/^\/|\/$/g, "").split("/");
        const got = path.replace(/^\/|\/$/g, "").split("/");
        return want.length === got.length && want.every(
            (w, i) => (w.startsWith("<") && w.endsWith(">")) ? got[i] !== "" : w === got[i]);
    };
    const text = el => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
    /* "År: 2023" for a select, a radio group or a text field, named by its label or legend. */
    const describe = id => {
        const control = document.getElementById(id);
        if (!control) { return null; }
        const fieldset = control.closest("fieldset");
        const name = text(document.querySelector(`label[for="${CSS.escape(id)}"]`))
            || text(fieldset && fieldset.querySelector("legend")) || control.getAttribute("aria-label");
        let value = "";
        if (control.tagName === "SELECT") {
            // An empty value is the placeholder ("Välj nämnd …"): nothing chosen, nothing named.
            const option = control.value === "" ? null : control.options[control.selectedIndex];
            value = option ? text(option) : "";
        } else if (control.tagName === "INPUT") {
            value = control.value;
        } else {
            const checked = control.querySelector("input:checked");
            value = checked ? text(document.querySelector(`label[for="${CSS.escape(checked.id)}"]`)
                || checked.closest("label") || checked.parentElement) : "";
        }
        return value ? (name ? `${name}: ${value}` : value) : null;
    };
    const headerText = () => {
        const holder = document.getElementById("print-filters");
        if (!holder) { return null; }
        const pages = JSON.parse(holder.dataset.filters || "[]");
        const page = pages.find(p => matches(p.path, window.location.pathname));
        const title = text(document.querySelector("#page h1"))
            || document.title.replace(/ – Lägesbild$/, "");
        const filters = ((page && page.controls) || []).map(describe).filter(Boolean);
        return ["Lägesbild", title, ...filters, `utskrivet ${today()}`].join(" – ");
    };
    let pending = null;
    const update = () => {
        pending = null;
        const wanted = headerText();
        let header = document.getElementById("print-header");
        if (wanted === null) {
            if (header) { header.remove(); }
            return;
        }
        if (!header) {
            header = document.createElement("p");
            header.id = "print-header";
            header.className = "lb-print-header";
            document.body.insertBefore(header, document.body.firstChild);
        }
        if (header.textContent !== wanted) { header.textContent = wanted; }
    };
    const soon = () => { if (pending === null) { pending = setTimeout(update, 100); } };

    /* A grid's rows as a plain table for paper: a grid lays its cells out for the screen's
       width and redraws them asynchronously, too late for the printout. */
    const gridTable = el => {
        let api = null;
        try { api = window.dash_ag_grid.getApi(el.id); } catch (e) { return null; }
        if (!api || api.isDestroyed()) { return null; }
        const columns = api.getAllDisplayedColumns();
        const table = document.createElement("table");
        table.className = "table table-sm lb-print-table";
        const head = table.createTHead().insertRow();
        columns.forEach(col => {
            const th = document.createElement("th");
            th.scope = "col";
            th.textContent = api.getDisplayNameForColumn(col, "header") || "";
            head.appendChild(th);
        });
        const body = table.createTBody();
        api.forEachNodeAfterFilterAndSort(node => {
            if (!node.data) { return; }
            const row = body.insertRow();
            columns.forEach(col => {
                const value = api.getCellValue({rowNode: node, colKey: col, useFormatter: true});
                const cell = row.insertCell();
                cell.textContent = value === null || value === undefined
                    ? "" : String(value).replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
                if (/^\d{4}-\d{2}-\d{2}$/.test(cell.textContent)) { cell.className = "text-nowrap"; }
            });
        });
        if (!body.rows.length) { return null; }
        return table;
    };
    let saved = null;
    const beforePrint = () => {
        update();
        if (saved !== null) { return; }
        saved = {charts: [], tables: []};
        document.querySelectorAll("#page .js-plotly-plot").forEach(gd => {
            const width = gd.getBoundingClientRect().width;
            if (window.Plotly && width > PRINT_CHART_WIDTH) {
                saved.charts.push(gd);
                window.Plotly.relayout(gd, {width: PRINT_CHART_WIDTH});
            }
        });
        document.querySelectorAll("#page .ag-theme-quartz[id]").forEach(el => {
            const table = gridTable(el);
            if (table) {
                el.classList.add("lb-print-replaced");
                el.after(table);
                saved.tables.push([el, table]);
            }
        });
    };
    const afterPrint = () => {
        if (saved === null) { return; }
        saved.charts.forEach(gd => {
            if (document.body.contains(gd)) {
                window.Plotly.relayout(gd, {width: null, autosize: true});
                window.Plotly.Plots.resize(gd);
            }
        });
        saved.tables.forEach(([el, table]) => {
            el.classList.remove("lb-print-replaced");
            table.remove();
        });
        saved = null;
    };
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    const start = () => {
        new MutationObserver(soon).observe(document.body, {childList: true, subtree: true});
        document.addEventListener("change", soon);
        soon();
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();

/* AG Grid cell renderers (dash-ag-grid looks them up by name in columnDefs' cellRenderer). */
window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions, {
    /* A council's name as a link to its page, opened inside the app (APP_LINKS below); the row
       carries the address (council_href). */
    CouncilLink: function (props) {
        const href = props.data && props.data.council_href;
        return href ? React.createElement("a", {href: href, "data-app-link": ""}, props.value)
            : props.value;
    }
});

/* Bootstrap's close buttons (dbc modals and alerts) are named "Close" by their library, which
   takes no other name: they are named in Swedish here as they appear. */
(function () {
    const rename = function () {
        document.querySelectorAll(".btn-close[aria-label='Close']").forEach(
            b => b.setAttribute("aria-label", "Stäng"));
    };
    new MutationObserver(rename).observe(document.documentElement, {childList: true, subtree: true});
})();

/* Links to the app's own pages (layouts.components.app_link, and the Markdown lists of
   layouts.components.link_list, e.g. Översikt's councils) open inside the app, as Dash's own
   dcc.Link does: no reload of the scripts, only the page's one answer. A click with a modifier
   key or another button keeps the browser's own behaviour (new tab, new window). */
const APP_LINKS = "a[data-app-link][href^='/'], .lb-link-list a[href^='/']";
document.addEventListener("click", event => {
    const link = event.target instanceof Element && event.target.closest(APP_LINKS);
    if (!link || event.defaultPrevented || event.button !== 0
        || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    const target = new URL(link.href, window.location.href);
    if (target.pathname === window.location.pathname) {
        /* The same page with other filters, or a place on it: the browser's own load. The
           router renders a page when its path changes; the filters write the query, which
           must not re-render the page (callbacks/routing.py). */
        return;
    }
    event.preventDefault();
    window.history.pushState({}, "", link.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
});
