package io.stocklock.adapters.rest.stock;

import io.stocklock.adapters.json.StrictJson;
import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.application.port.in.ImportStock;
import io.stocklock.application.port.in.ImportStock.ImportStockCommand;
import io.stocklock.application.port.in.ImportStock.LineResult;
import io.stocklock.application.port.in.ImportStock.StockLine;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk stock: many SKUs created or restocked in one request, by absolute levels, read and applied as it streams in
 * (pages of {@link ImportStock#MOST_LINES} lines, each in one transaction), answered as it goes: a line per refused
 * line, a progress line per page, a last line with the totals.
 */
@RestController
@Tag(name = "inventory")
class ImportController {

    static final String NDJSON = "application/x-ndjson";
    /** Characters of one line of an import. */
    static final int MOST_LINE_CHARACTERS = 1_024;
    private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,17}");

    private static final Log LOG = LogFactory.getLog(ImportController.class);

    private final ImportStock importStock;
    private final JsonMapper json = StrictJson.mapper();

    ImportController(ImportStock importStock) {
        this.importStock = importStock;
    }

    /** A line of a JSON-lines import; {@code location} is optional ({@code default}). */
    record ImportLine(String sku, Long onHand, String location) {
    }

    // the lines of the answer
    record Refusal(long line, String type, String detail) {
    }

    record Totals(long lines, long created, long set, long refused) {
    }

    record Progress(Totals progress) {
    }

    record Done(Totals done) {
    }

    record Stopped(long afterLine, String detail) {
    }

    record StoppedLine(Stopped stopped) {
    }

    @Operation(summary = "Create or restock many SKUs",
            description = "One line per SKU and location, the absolute number on hand: as JSON lines (application/"
                    + "x-ndjson, {\"sku\":\"A\",\"onHand\":10,\"location\":\"east\"}, location optional) or CSV (text/"
                    + "csv, a header sku,onHand or sku,onHand,location). A SKU not kept at the location yet is "
                    + "created there. Each line is applied whole or not at all; a line below what reservations hold "
                    + "there is refused. Absolute levels make an import safe to send again. The answer streams as JSON "
                    + "lines: {\"line\":n,\"type\":...,\"detail\":...} for each refused line, {\"progress\":{...}} "
                    + "after every 1,000 lines, and {\"done\":{...}} (or {\"stopped\":{...}} if the database "
                    + "stopped answering: what was applied stays, send the import again) at the end.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = NDJSON, schema = @Schema(type = "string",
                    example = "{\"sku\":\"TICKET-A\",\"onHand\":500}")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "sku,onHand,location\nTICKET-A,500,default"))})
    @ApiResponse(responseCode = "200", description = "read and applied as it streamed in",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string")))
    @OperationContract(scope = "inventory:write")
    @PostMapping(path = "/inventory/import", consumes = {NDJSON, "text/csv"}, produces = NDJSON)
    ResponseEntity<StreamingResponseBody> importStock(HttpServletRequest request) throws IOException {
        boolean csv = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.valueOf("text/csv"));
        Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.valueOf(NDJSON))
                .body(out -> new Run(new BufferedReader(body), csv, out).all());
    }

    /** One import as it streams: read a page, apply it, answer what it did. */
    private final class Run {

        private final BufferedReader in;
        private final boolean csv;
        private final OutputStream out;
        private long number;
        private long created;
        private long set;
        private long refused;
        private boolean withLocation;

        Run(BufferedReader in, boolean csv, OutputStream out) {
            this.in = in;
            this.csv = csv;
            this.out = out;
        }

        void all() throws IOException {
            if (csv && !header()) {
                return;
            }
            List<StockLine> page = new ArrayList<>(ImportStock.MOST_LINES);
            for (String line = next(); line != null; line = next()) {
                if (line.isBlank()) {
                    continue;
                }
                StockLine read = read(line);
                if (read != null) {
                    page.add(read);
                }
                if (page.size() == ImportStock.MOST_LINES) {
                    if (!apply(page)) {
                        return;
                    }
                    page.clear();
                }
            }
            if (!page.isEmpty() && !apply(page)) {
                return;
            }
            write(new Done(totals()));
        }

        /** The next line, or {@code null} at the end; a line too long is cut there and refused when read. */
        private String next() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); ; c = in.read()) {
                if (c == -1) {
                    return line.isEmpty() ? null : number(line);
                }
                if (c == '\n') {
                    return number(line);
                }
                if (line.length() <= MOST_LINE_CHARACTERS) {
                    line.append((char) c);
                }
            }
        }

        private String number(StringBuilder line) {
            number++;
            int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
            return line.substring(0, end);
        }

        private boolean header() throws IOException {
            String header = next();
            String names = header == null ? "" : header.strip();
            withLocation = names.equals("sku,onHand,location");
            if (!withLocation && !names.equals("sku,onHand")) {
                refuse(number, Problems.INVALID_REQUEST, "the first line of a CSV import is the header sku,onHand "
                        + "or sku,onHand,location");
                write(new Done(totals()));
                return false;
            }
            return true;
        }

        /** The line as a stock line, or {@code null} when it is refused (and said so). */
        private StockLine read(String line) throws IOException {
            if (line.length() > MOST_LINE_CHARACTERS) {
                return refuse(number, Problems.INVALID_REQUEST, "a line has at most " + MOST_LINE_CHARACTERS
                        + " characters");
            }
            try {
                if (csv) {
                    String[] fields = line.split(",", -1);
                    if (fields.length != (withLocation ? 3 : 2)) {
                        return refuse(number, Problems.INVALID_REQUEST, "expected " + (withLocation ? 3 : 2)
                                + " fields, found " + fields.length);
                    }
                    if (!COUNT.matcher(fields[1]).matches()) {
                        return refuse(number, Problems.INVALID_REQUEST, "onHand must be a whole number of units, "
                                + "0 or more, was '" + fields[1] + "'");
                    }
                    return new StockLine(number, Sku.of(fields[0]), withLocation && !fields[2].isEmpty()
                            ? LocationId.of(fields[2]) : LocationId.DEFAULT, Long.parseLong(fields[1]));
                }
                ImportLine given = json.readValue(line, ImportLine.class);
                if (given == null || given.sku() == null || given.onHand() == null) {
                    return refuse(number, Problems.INVALID_REQUEST, "every line needs a sku and an onHand");
                }
                return new StockLine(number, Sku.of(given.sku()), given.location() == null ? LocationId.DEFAULT
                        : LocationId.of(given.location()), given.onHand());
            } catch (JacksonException e) {
                return refuse(number, Problems.INVALID_REQUEST, StrictJson.describe(e));
            } catch (IllegalArgumentException e) {
                return refuse(number, Problems.INVALID_REQUEST, e.getMessage());
            }
        }

        private boolean apply(List<StockLine> page) throws IOException {
            List<LineResult> results;
            try {
                results = importStock.importLines(new ImportStockCommand(page));
            } catch (RuntimeException e) {
                LOG.warn("an import stopped at line " + page.get(0).number() + ": " + e);
                write(new StoppedLine(new Stopped(page.get(0).number() - 1, "the lines from " + page.get(0).number()
                        + " on were not applied (the database did not take them); what came before is applied: "
                        + "send the import again (absolute levels apply once)")));
                return false;
            }
            for (LineResult result : results) {
                if (result instanceof LineResult.Created) {
                    created++;
                } else if (result instanceof LineResult.Set) {
                    set++;
                } else {
                    var no = (LineResult.Refused) result;
                    refuse(no.number(), Problems.refused(no.reason()), no.detail());
                }
            }
            write(new Progress(totals()));
            return true;
        }

        private StockLine refuse(long line, Problems problem, String detail) throws IOException {
            refused++;
            write(new Refusal(line, problem.type().toString(), detail));
            return null;
        }

        private Totals totals() {
            return new Totals(number, created, set, refused);
        }

        private void write(Object line) throws IOException {
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
            out.flush();
        }
    }
}
