/* Samverkan's presentation mode (layouts/samverkan.py): one agenda section per screen in large
   type, without navigation or forms, for the meeting room's screen. The button "Visningsläge"
   or `visning=1` in the address starts it; →, PageDown and space move on, ←, PageUp and
   Backspace back, Home/End to the first/last section, Esc leaves. A counter says "3 av 6". */
(function () {
    "use strict";
    const PRESENTING = "lb-presenting";
    const CURRENT = "lb-current";
    let index = 0;

    function sections() {
        return Array.from(document.querySelectorAll("#samverkan-page .lb-samverkan-section"));
    }

    function presenting() {
        return document.body.classList.contains(PRESENTING);
    }

    function show(next) {
        const all = sections();
        if (!all.length) { return; }
        index = Math.max(0, Math.min(next, all.length - 1));
        all.forEach(function (el, i) {
            el.classList.toggle(CURRENT, i === index);
            el.setAttribute("aria-hidden", i === index ? "false" : "true");
        });
        const counter = document.getElementById("samverkan-counter");
        if (counter) { counter.textContent = (index + 1) + " av " + all.length; }
        const heading = all[index].querySelector("h2");
        if (heading) { heading.focus({preventScroll: true}); }
        window.scrollTo(0, 0);
    }

    function start() {
        if (!sections().length) { return; }
        document.body.classList.add(PRESENTING);
        show(0);
    }

    function leave() {
        document.body.classList.remove(PRESENTING);
        sections().forEach(function (el) {
            el.classList.remove(CURRENT);
            el.removeAttribute("aria-hidden");
        });
        const button = document.getElementById("samverkan-present");
        if (button) { button.focus(); }
    }

    document.addEventListener("click", function (event) {
        const target = event.target instanceof Element ? event.target.closest("button") : null;
        if (!target) { return; }
        if (target.id === "samverkan-present") { start(); }
        else if (target.id === "samverkan-leave") { leave(); }
        else if (target.id === "samverkan-next") { show(index + 1); }
        else if (target.id === "samverkan-prev") { show(index - 1); }
    });

    document.addEventListener("keydown", function (event) {
        if (!presenting() || event.altKey || event.ctrlKey || event.metaKey) { return; }
        const tag = event.target instanceof Element ? event.target.tagName : "";
        const onControl = ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A"].indexOf(tag) >= 0;
        const key = event.key;
        if (key === "Escape") { leave(); }
        else if (key === "ArrowRight" || key === "PageDown" || (key === " " && !onControl)) {
            show(index + 1);
        } else if (key === "ArrowLeft" || key === "PageUp" || (key === "Backspace" && !onControl)) {
            show(index - 1);
        } else if (key === "Home" && !onControl) { show(0); }
        else if (key === "End" && !onControl) { show(sections().length - 1); }
        else { return; }
        event.preventDefault();
    });

    // `visning=1` in the address: start once the page's sections are there (Dash builds the
    // page after the document has loaded, and then writes its filters back to the address
    // without it, so the wish is read when the document loads).
    let wanted = new URLSearchParams(window.location.search).get("visning") === "1";
    function fromQuery() {
        if (!wanted || presenting()) { return; }
        if (document.querySelector("#samverkan-incidents .lb-kpi")) {
            wanted = false;
            start();
        }
    }
    new MutationObserver(fromQuery).observe(document.documentElement, {childList: true, subtree: true});
})();
