package org.jpcscd.wire;

/**
 * The command codes of {@code enum pcsc_msg_commands} with the size of the fixed struct each carries
 * in the request ({@code header.size} must equal it exactly) — or {@link #NO_BODY} for the commands
 * whose request is the bare header.
 */
public enum Command {
    ESTABLISH_CONTEXT(0x01, EstablishStruct.SIZE),
    RELEASE_CONTEXT(0x02, ReleaseStruct.SIZE),
    CONNECT(0x04, ConnectStruct.SIZE),
    RECONNECT(0x05, ReconnectStruct.SIZE),
    DISCONNECT(0x06, DisconnectStruct.SIZE),
    BEGIN_TRANSACTION(0x07, HandleStruct.SIZE),
    END_TRANSACTION(0x08, DisconnectStruct.SIZE),
    TRANSMIT(0x09, TransmitStruct.SIZE),
    CONTROL(0x0A, ControlStruct.SIZE),
    STATUS(0x0B, HandleStruct.SIZE),
    CANCEL(0x0D, HandleStruct.SIZE),
    GET_ATTRIB(0x0F, AttributeStruct.SIZE),
    SET_ATTRIB(0x10, AttributeStruct.SIZE),
    VERSION(0x11, VersionStruct.SIZE),
    GET_READERS_STATE(0x12, Command.NO_BODY),
    WAIT_READER_STATE_CHANGE(0x13, Command.NO_BODY),
    STOP_WAITING_READER_STATE_CHANGE(0x14, Command.NO_BODY),
    /** Protocol 4.5+. */
    GET_READER_EVENTS(0x15, Command.NO_BODY),
    /** Protocol 4.6. */
    GET_READERS_STATE_SIZE(0x16, Command.NO_BODY),
    /** Protocol 4.6. */
    GET_READERS_STATE_ARRAY(0x17, Command.NO_BODY);

    /** Marks a command whose request has no struct: the daemon ignores {@code header.size}. */
    public static final int NO_BODY = -1;

    private static final Command[] BY_CODE = new Command[0x18];

    static {
        for (Command c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;
    private final int structSize;

    Command(int code, int structSize) {
        this.code = code;
        this.structSize = structSize;
    }

    public int code() {
        return code;
    }

    /** The exact request struct size, or {@link #NO_BODY}. */
    public int structSize() {
        return structSize;
    }

    public boolean hasBody() {
        return structSize != NO_BODY;
    }

    /**
     * The command with this code, or {@code null} for codes pcscd does not handle (0x00, 0x03
     * LIST_READERS, 0x0C GET_STATUS_CHANGE, 0x0E CANCEL_TRANSACTION and anything unknown): pcscd closes
     * the connection on those.
     */
    public static Command fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
