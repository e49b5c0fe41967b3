// Every table of a page downloads as CSV and as Excel. Under each table with a header (thead), two buttons post the table
// as it is shown (header in the page's language, cells as written) to /export/{csv|xlsx}; the server reads numbers, shares
// and days back (Features/Export/TableExport.cs) and answers the file. A table opts out with data-export="off"; a cell may
// give its value for the file in data-v when its text is not the value (a bar, an icon). Labels come from the body's
// data-export-* attributes, so they speak the page's language.
(function () {
    "use strict";

    function text(cell) {
        if (cell.hasAttribute("data-v")) {
            return cell.getAttribute("data-v");
        }
        var copy = cell.cloneNode(true);
        copy.querySelectorAll("button, form, input, select, textarea, script, style, svg, .no-export").forEach(function (n) { n.remove(); });
        return (copy.textContent || "").replace(/\s+/g, " ").trim();
    }

    function shown(table, name) {
        var head = table.tHead.rows[table.tHead.rows.length - 1];
        var header = Array.prototype.map.call(head.cells, text);
        var rows = [];
        Array.prototype.forEach.call(table.tBodies, function (body) {
            Array.prototype.forEach.call(body.rows, function (row) {
                rows.push(Array.prototype.map.call(row.cells, text));
            });
        });
        return { name: name, header: header, rows: rows };
    }

    function nameOf(table, index) {
        var caption = table.caption ? table.caption.textContent : "";
        var title = table.getAttribute("data-export-name") || caption || (document.querySelector("h1") || {}).textContent || document.title;
        return (title || "table").trim() + (index > 0 && !table.getAttribute("data-export-name") ? "-" + (index + 1) : "");
    }

    function download(table, name, format, button) {
        button.disabled = true;
        fetch("/export/" + format, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            credentials: "same-origin",
            body: JSON.stringify(shown(table, name)),
        }).then(function (response) {
            if (!response.ok) {
                throw new Error(response.status + " " + response.statusText);
            }
            var disposition = response.headers.get("Content-Disposition") || "";
            var match = /filename\*=UTF-8''([^;]+)/.exec(disposition) || /filename="?([^";]+)"?/.exec(disposition);
            return response.blob().then(function (blob) {
                var link = document.createElement("a");
                link.href = URL.createObjectURL(blob);
                link.download = match ? decodeURIComponent(match[1]) : "table." + format;
                document.body.appendChild(link);
                link.click();
                setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
            });
        }).catch(function (error) {
            button.title = error.message;
            button.classList.add("failed");
        }).finally(function () {
            button.disabled = false;
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var body = document.body;
        var label = body.getAttribute("data-export-label") || "Download this table";
        var formats = [["csv", body.getAttribute("data-export-csv") || "CSV"], ["xlsx", body.getAttribute("data-export-xlsx") || "Excel"]];
        var tables = Array.prototype.filter.call(document.querySelectorAll("main table"), function (t) {
            return t.tHead && t.tHead.rows.length > 0 && t.getAttribute("data-export") !== "off";
        });
        tables.forEach(function (table, index) {
            var name = nameOf(table, tables.length > 1 ? index : 0);
            var bar = document.createElement("p");
            bar.className = "export";
            bar.setAttribute("aria-label", label);
            var span = document.createElement("span");
            span.textContent = label + ": ";
            bar.appendChild(span);
            formats.forEach(function (f) {
                var button = document.createElement("button");
                button.type = "button";
                button.className = "export-" + f[0];
                button.setAttribute("data-format", f[0]);
                button.textContent = f[1];
                button.addEventListener("click", function () { download(table, name, f[0], button); });
                bar.appendChild(button);
            });
            table.insertAdjacentElement("afterend", bar);
        });
    });
})();
