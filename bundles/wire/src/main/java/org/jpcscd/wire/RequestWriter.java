package org.jpcscd.wire;

import java.nio.ByteBuffer;

/** Builds requests as libpcsclite sends them: header, struct, then any payload not counted in the header. */
public final class RequestWriter {
    private RequestWriter() {
    }

    public static byte[] request(Command command, WireStruct body) {
        return request(command, body, new byte[0]);
    }

    public static byte[] request(Command command, WireStruct body, byte[] payload) {
        int structSize = body == null ? 0 : body.size();
        ByteBuffer out = Wire.allocate(Header.SIZE + structSize + payload.length);
        new Header(structSize, command.code()).write(out);
        if (body != null) {
            body.write(out);
        }
        out.put(payload);
        return out.array();
    }
}
