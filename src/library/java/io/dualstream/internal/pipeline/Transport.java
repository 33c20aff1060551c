package io.dualstream.internal.pipeline;

/**
 * How RTP packets travel from the camera: rendered as {@code rtspsrc protocols=tcp|udp}.
 *
 * <p>TCP (RTP interleaved in the RTSP connection) is the default because a lost UDP packet of a
 * 12 MP key frame spoils every frame until the next key frame; UDP saves a little latency on clean
 * networks.
 */
public enum Transport {
    TCP("tcp"),
    UDP("udp");

    private final String protocols;

    Transport(String protocols) {
        this.protocols = protocols;
    }

    /** The value of rtspsrc's {@code protocols} property ({@code tcp} or {@code udp}). */
    public String protocols() {
        return protocols;
    }
}
