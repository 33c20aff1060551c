package io.dualstream.examples;

import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import java.time.Duration;

/** Saves one full-resolution frame of a camera: the three lines of README's "Embed it". */
public final class SaveFrame {
    private SaveFrame() {
    }

    /** @param args the camera's RTSP URL and the image file to write (default frame.jpg) */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SaveFrame rtsp://user:pass@host:554/main [frame.jpg]");
            System.exit(2);
        }
        String file = args.length > 1 ? args[1] : "frame.jpg";
        try (MainStreamGrabber grabber = MainStreamGrabber.open(args[0]);
             Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(5))) {
            org.opencv.imgcodecs.Imgcodecs.imwrite(file, snapshot.openCvMat());
        }
        System.out.println("saved " + file);
    }
}
