package io.dualstream.internal.rtsp;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * What a client asks for in a SETUP's {@code Transport} header, shared by {@link RtspProbe} and the
 * probe command's wire meter: RTP interleaved in the RTSP TCP connection, or RTP over UDP to a local
 * even/odd port pair ({@link UdpPorts}). A camera that offers only UDP (VLC's RTSP output, some
 * cameras) answers the TCP request with {@value #UNSUPPORTED_TRANSPORT} Unsupported transport.
 */
public final class RtpTransport {
    /** RTP and RTCP on interleaved channels 0 and 1 of the RTSP connection. */
    public static final String TCP_INTERLEAVED = "RTP/AVP/TCP;unicast;interleaved=0-1";

    /** RTSP status of a SETUP whose transport the server does not offer (RFC 2326 11.4.13). */
    public static final int UNSUPPORTED_TRANSPORT = 461;

    /** One line for people when a camera refused RTP over TCP. */
    public static final String TCP_REFUSED = "the camera offers RTP over UDP only (it refused RTP over TCP)";

    private static final int BIND_ATTEMPTS = 20;

    private RtpTransport() {
    }

    /**
     * A bound pair of UDP sockets on the wildcard address, RTP on an even port and RTCP on the next
     * (RFC 3550 11), for {@code client_port=}. Closing it closes both.
     */
    public static final class UdpPorts implements Closeable {
        private final DatagramSocket rtp;
        private final DatagramSocket rtcp;

        private UdpPorts(DatagramSocket rtp, DatagramSocket rtcp) {
            this.rtp = rtp;
            this.rtcp = rtcp;
        }

        /** Binds a free even port and the odd one after it, trying a few pairs. */
        public static UdpPorts bind() throws IOException {
            SocketException last = null;
            for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
                DatagramSocket first = new DatagramSocket(new InetSocketAddress(0));
                int port = first.getLocalPort();
                if (port % 2 != 0 || port >= 65535) {
                    first.close();
                    continue;
                }
                try {
                    return new UdpPorts(first, new DatagramSocket(new InetSocketAddress(port + 1)));
                } catch (SocketException e) {
                    first.close();
                    last = e;
                }
            }
            throw new IOException("no free even/odd local UDP port pair for RTP and RTCP after " + BIND_ATTEMPTS
                    + " tries", last);
        }

        /** The socket that receives RTP (the even port). */
        public DatagramSocket rtp() {
            return rtp;
        }

        /** The socket that receives RTCP (the odd port). */
        public DatagramSocket rtcp() {
            return rtcp;
        }

        /** The SETUP {@code Transport} header value for these ports. */
        public String transport() {
            return "RTP/AVP;unicast;client_port=" + rtp.getLocalPort() + "-" + rtcp.getLocalPort();
        }

        @Override
        public void close() {
            rtp.close();
            rtcp.close();
        }
    }
}
