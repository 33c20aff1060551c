package io.dualstream.testing;

/** Pipelines for tests that exercise the grabber on its own, written out in full. */
public final class TestPipelines {
    private TestPipelines() {
    }

    /** RTSP over TCP, software decode, BGR to the appsink: what the app renders on a machine without a GPU. */
    public static String rtspBgr(String url, String codec) {
        return "rtspsrc location=\"" + url + "\" protocols=tcp latency=0 tcp-timeout=3000000 ! rtp" + codec + "depay ! " + codec
                + "parse ! avdec_" + codec + " ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! "
                + "video/x-raw,format=BGR ! appsink drop=true max-buffers=1 sync=false";
    }

    /** A local synthetic camera: test pattern encoded to H.264 and decoded again, no network. */
    public static String localH264(int width, int height, int fps, int frames) {
        return "videotestsrc is-live=true pattern=ball num-buffers=" + frames + " ! video/x-raw,width=" + width
                + ",height=" + height + ",framerate=" + fps + "/1 ! x264enc speed-preset=ultrafast tune=zerolatency "
                + "! h264parse ! avdec_h264 ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! "
                + "video/x-raw,format=BGR ! appsink drop=true max-buffers=1 sync=false";
    }
}
