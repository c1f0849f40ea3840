package io.stocklock.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D into a PNG: a few series of (x, y) points. On a log scale x is marked at the first
 * series' points; on a linear one it runs from 0 and is marked at five even steps, so every series can be read off it.
 */
final class Plot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final Map<String, double[][]> series = new LinkedHashMap<>();

    Plot(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    Plot series(String name, double[] xs, double[] ys) {
        series.put(name, new double[][] {xs, ys});
        return this;
    }

    void write(Path file) throws IOException {
        double minX = logX ? series.values().stream().flatMapToDouble(s -> Arrays.stream(s[0])).min().orElse(1) : 0;
        double maxX = series.values().stream().flatMapToDouble(s -> Arrays.stream(s[0])).max().orElse(1);
        if (!logX) {
            maxX = niceCeiling(maxX);
        }
        double maxY = series.values().stream().flatMapToDouble(s -> Arrays.stream(s[1])).max().orElse(1);
        maxY = niceCeiling(maxY);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double y : evenly(maxY)) {
            int py = TOP + plotHeight - (int) (plotHeight * y / maxY);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.DARK_GRAY);
            String label = format(y);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        double[] ticks = logX ? series.values().iterator().next()[0] : evenly(maxX);
        for (double x : ticks) {
            int px = LEFT + (int) (plotWidth * position(x, minX, maxX));
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, TOP, px, TOP + plotHeight);
            g.setColor(Color.DARK_GRAY);
            String label = format(x);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.drawString(xLabel, LEFT + plotWidth / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 25);
        var rotation = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + plotHeight / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 22);
        g.setTransform(rotation);

        int index = 0;
        for (Map.Entry<String, double[][]> each : series.entrySet()) {
            Color color = COLORS[index % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.2f));
            double[] xs = each.getValue()[0];
            double[] ys = each.getValue()[1];
            int previousX = -1;
            int previousY = -1;
            for (int i = 0; i < xs.length; i++) {
                int px = LEFT + (int) (plotWidth * position(xs[i], minX, maxX));
                int py = TOP + plotHeight - (int) (plotHeight * Math.min(1, ys[i] / maxY));
                g.fillOval(px - 4, py - 4, 8, 8);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, px, py);
                }
                previousX = px;
                previousY = py;
            }
            g.fillRect(LEFT + 15, TOP + 12 + index * 18, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(each.getKey(), LEFT + 35, TOP + 18 + index * 18);
            index++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private double position(double x, double min, double max) {
        if (max == min) {
            return 0.5;
        }
        return logX ? Math.log(x / min) / Math.log(max / min) : (x - min) / (max - min);
    }

    /** Six marks, 0 to {@code max} in five even steps. */
    private static double[] evenly(double max) {
        double[] ticks = new double[6];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = max * i / 5;
        }
        return ticks;
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 7.5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        if ((value == Math.rint(value) || Math.abs(value) >= 100) && Math.abs(value) < 1e7) {
            value = Math.rint(value);
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
