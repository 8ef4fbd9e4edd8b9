package org.jpcscd.shell;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two spaces, a header line first; the last column is not padded. */
final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.size()];
        measure(headers, widths);
        rows.forEach(row -> measure(row, widths));
        StringBuilder text = new StringBuilder();
        append(text, headers, widths);
        rows.forEach(row -> append(text, row, widths));
        return text.toString();
    }

    private static void measure(List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            widths[i] = Math.max(widths[i], cells.get(i).length());
        }
    }

    private static void append(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
