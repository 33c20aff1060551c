package io.dualstream.inspect;

/**
 * An axis-aligned box in pixel coordinates of one frame: top-left corner, width and height.
 */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("box needs a positive size, got " + width + "x" + height);
        }
    }

    public double centerX() {
        return x + width / 2.0;
    }

    public double centerY() {
        return y + height / 2.0;
    }

    /** This box, scaled from a frame of {@code fromW x fromH} to one of {@code toW x toH} and clipped to it. */
    public Box scaled(int fromW, int fromH, int toW, int toH) {
        double sx = (double) toW / fromW;
        double sy = (double) toH / fromH;
        int left = clamp((int) Math.floor(x * sx + 1e-9), 0, toW - 1);
        int top = clamp((int) Math.floor(y * sy + 1e-9), 0, toH - 1);
        int right = clamp((int) Math.ceil((x + width) * sx - 1e-9), left + 1, toW);
        int bottom = clamp((int) Math.ceil((y + height) * sy - 1e-9), top + 1, toH);
        return new Box(left, top, right - left, bottom - top);
    }

    /** This box grown by {@code fraction} of its size on every side, clipped to a {@code w x h} frame. */
    public Box padded(double fraction, int frameWidth, int frameHeight) {
        int padX = (int) Math.round(width * fraction);
        int padY = (int) Math.round(height * fraction);
        int left = clamp(x - padX, 0, frameWidth - 1);
        int top = clamp(y - padY, 0, frameHeight - 1);
        int right = clamp(x + width + padX, left + 1, frameWidth);
        int bottom = clamp(y + height + padY, top + 1, frameHeight);
        return new Box(left, top, right - left, bottom - top);
    }

    public boolean contains(double px, double py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
