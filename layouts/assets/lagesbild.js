/* Lägesbild's client-side callbacks (wired in callbacks/routing.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  lagesbild: {
    /* The browser tab names the page (WCAG 2.4.2); the server decides the title. */
    setTitle: function (title) {
        document.title = (title || "Lägesbild") + " – Lägesbild";
        window.dash_clientside.lagesbild.goToHash();
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

    /* Every chart's numbers as a table, built from the figure itself so it can never disagree
       with the chart and costs the server nothing. Rows and columns as the chart shows them: a
       heat map's cells (its own Swedish labels), a scatter's named points with both axes, or
       bars and lines as categories × series (a bar's own label where it has one, e.g.
       "41 % (14 av 34) – låg svarsfrekvens"). */
    figureTable: function (fig) {
        const traces = ((fig && fig.data) || []).filter(
            t => ["bar", "scatter", "heatmap"].includes(t.type));
        const el = (type, props) => ({type: type, namespace: "dash_html_components", props: props});
        if (!traces.length) { return el("P", {children: "Inga siffror att visa."}); }
        const layout = fig.layout || {};
        const axisTitle = (axis, fallback) => {
            const title = (layout[axis] || {}).title;
            return (title && (title.text || title)) || fallback;
        };
        const whole = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 0});
        const decimal = new Intl.NumberFormat(
            "sv-SE", {minimumFractionDigits: 1, maximumFractionDigits: 1});
        // One format per column, so 59 and 47,6 in a column of shares read 59,0 and 47,6.
        const cell = (v, wholeColumn) => (v === null || v === undefined || v === "") ? "\u2013"
            : (typeof v === "number" ? (wholeColumn ? whole : decimal).format(v) : String(v));
        const first = traces[0];
        let header, rows;
        if (first.type === "heatmap") {
            const shown = first.text || first.z;
            header = ["", ...first.x];
            rows = first.y.map((name, i) => [name, ...shown[i]]);
        } else if (first.type === "scatter" && first.text && (first.mode || "").includes("markers")) {
            header = ["", axisTitle("xaxis", "x"), axisTitle("yaxis", "y")];
            rows = first.text.map((name, i) => [name, first.x[i], first.y[i]]);
        } else {
            const [cat, val] = first.orientation === "h" ? ["y", "x"] : ["x", "y"];
            const categories = [];
            const columns = traces.map(t => {
                const keys = t[cat] || [];
                const useText = t.type === "bar" && Array.isArray(t.text)
                    && t.text.length === keys.length;
                const values = useText ? t.text : (t[val] || []);
                const column = new Map();
                keys.forEach((k, i) => {
                    if (!categories.includes(k)) { categories.push(k); }
                    column.set(k, values[i]);
                });
                return column;
            });
            header = ["", ...traces.map(t => t.name || axisTitle(val + "axis", "Värde"))];
            rows = categories.map(c => [c, ...columns.map(column => column.get(c))]);
        }
        const wholeColumns = header.slice(1).map((_, i) => rows.every(
            row => typeof row[i + 1] !== "number" || Number.isInteger(row[i + 1])));
        return el("Table", {className: "table table-sm table-striped mb-0", children: [
            el("Thead", {children: el("Tr", {children: header.map((h, i) =>
                el("Th", {children: h, scope: "col", className: i ? "text-end" : ""}))})}),
            el("Tbody", {children: rows.map(row => el("Tr", {children: [
                el("Th", {children: String(row[0]), scope: "row"}),
                ...row.slice(1).map((v, i) => el("Td", {
                    children: cell(v, wholeColumns[i]), className: "text-end"}))
            ]}))})
        ]});
    }
  }
});

/* AG Grid cell renderers (dash-ag-grid looks them up by name in columnDefs' cellRenderer). */
window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions, {
    /* A council's name as a link to its page; the row carries the address (council_href). */
    CouncilLink: function (props) {
        const href = props.data && props.data.council_href;
        return href ? React.createElement("a", {href: href}, props.value) : props.value;
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
