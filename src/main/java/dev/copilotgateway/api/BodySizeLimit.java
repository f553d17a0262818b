package dev.copilotgateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses public API request bodies larger than {@code max-body-size} with 413: at once when Content-Length says
 * so, otherwise as soon as the bytes read pass the limit (chunked bodies have no Content-Length).
 */
@PublicApi
public final class BodySizeLimit implements ReaderInterceptor {

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst("Content-Length");
        if (declared != null && parseLength(declared) > maxBytes) {
            throw tooLarge();
        }
        context.setInputStream(new LimitedInputStream(context.getInputStream()));
        return context.proceed();
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }

    private TooLargeException tooLarge() {
        return new TooLargeException("The request body is larger than this gateway accepts (" + maxBytes + " bytes; setting max-body-size)");
    }

    /**
     * Answered as 413 in the shape of the request's API by {@link ApiExceptionMapper}; a WebApplicationException so
     * that Jersey hands it over as it is instead of wrapping it as a reading failure.
     */
    static final class TooLargeException extends WebApplicationException {

        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message, 413);
        }
    }

    private final class LimitedInputStream extends FilterInputStream {

        private long read;

        LimitedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
