package dev.copilotgateway.fakeupstream;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Installed as the exchange's response body so that a stream can be dropped abruptly: the JDK server answers an
 * IOException from the body stream's close() by closing the TCP connection instead of writing the last chunk.
 */
final class AbortableOutputStream extends FilterOutputStream {

    private volatile boolean abortOnClose;

    AbortableOutputStream(OutputStream out) {
        super(out);
    }

    void abortOnClose() {
        abortOnClose = true;
    }

    /** FilterOutputStream would write byte by byte. */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        if (abortOnClose) {
            throw new IOException("stream dropped on purpose");
        }
        super.close();
    }
}
