package org.tribuozoo.cli.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of equally sized tiles with a caption under each and a title on top, drawn with Java2D:
 * the misclassified test images, a layer's filters, its feature maps.
 */
public final class ImageGrid {

    private static final int GAP = 8;
    private static final int MARGIN = 12;

    private final String title;
    private final int columns;
    private final List<BufferedImage> tiles = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();

    /**
     * @param title   drawn above the grid (one line)
     * @param columns tiles per row
     */
    public ImageGrid(String title, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a grid needs at least one column");
        }
        this.title = title;
        this.columns = columns;
    }

    /** Adds a tile; tiles are drawn in the order added, row by row. */
    public ImageGrid add(BufferedImage tile, String caption) {
        tiles.add(tile);
        captions.add(caption == null ? "" : caption);
        return this;
    }

    /** The number of tiles added. */
    public int size() {
        return tiles.size();
    }

    /** The picture; a grid without tiles shows its title and the given note. */
    public BufferedImage render(String emptyNote) {
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics tm = pg.getFontMetrics(titleFont);
        FontMetrics cm = pg.getFontMetrics(captionFont);
        pg.dispose();

        int tileW = tiles.stream().mapToInt(BufferedImage::getWidth).max().orElse(0);
        int tileH = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        int captionW = captions.stream().mapToInt(cm::stringWidth).max().orElse(0);
        int cellW = Math.max(tileW, captionW) + GAP;
        boolean anyCaption = captions.stream().anyMatch(c -> !c.isEmpty());
        int cellH = tileH + (anyCaption ? cm.getHeight() + 2 : 0) + GAP;
        int cols = Math.min(columns, Math.max(1, tiles.size()));
        int rows = (tiles.size() + cols - 1) / cols;
        int titleH = tm.getHeight() + GAP;
        String note = tiles.isEmpty() ? emptyNote : null;
        int width = Math.max(2 * MARGIN + cols * cellW, 2 * MARGIN + tm.stringWidth(title));
        int height = 2 * MARGIN + titleH + (note == null ? rows * cellH : cm.getHeight() * 2);
        if (note != null) {
            width = Math.max(width, 2 * MARGIN + cm.stringWidth(note));
        }

        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pictures.graphics(out);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title, MARGIN, MARGIN + tm.getAscent());
            g.setFont(captionFont);
            int top = MARGIN + titleH;
            if (note != null) {
                g.drawString(note, MARGIN, top + cm.getAscent());
                return out;
            }
            for (int i = 0; i < tiles.size(); i++) {
                int x = MARGIN + (i % cols) * cellW;
                int y = top + (i / cols) * cellH;
                BufferedImage t = tiles.get(i);
                int tx = x + (cellW - GAP - t.getWidth()) / 2;
                g.drawImage(t, tx, y, null);
                g.setColor(new Color(190, 190, 190));
                g.drawRect(tx - 1, y - 1, t.getWidth() + 1, t.getHeight() + 1);
                g.setColor(Color.BLACK);
                String c = captions.get(i);
                g.drawString(c, x + (cellW - GAP - cm.stringWidth(c)) / 2, y + tileH + 2 + cm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
