package org.jpcscd.api;

/** SCardControl codes as pcsc-lite numbers them (PC/SC part 10). */
public final class ControlCodes {
    /** {@code CM_IOCTL_GET_FEATURE_REQUEST}: the reader lists the features it supports as TLVs. */
    public static final int GET_FEATURE_REQUEST = scardCtlCode(3400);
    /** The "vendor IFD exchange" code testpcsc and CCID's escape command use. */
    public static final int VENDOR_IFD_EXCHANGE = scardCtlCode(1);

    public static final int FEATURE_VERIFY_PIN_START = 0x01;
    public static final int FEATURE_VERIFY_PIN_FINISH = 0x02;
    public static final int FEATURE_MODIFY_PIN_START = 0x03;
    public static final int FEATURE_MODIFY_PIN_FINISH = 0x04;
    public static final int FEATURE_GET_KEY_PRESSED = 0x05;
    public static final int FEATURE_VERIFY_PIN_DIRECT = 0x06;
    public static final int FEATURE_MODIFY_PIN_DIRECT = 0x07;
    public static final int FEATURE_MCT_READER_DIRECT = 0x08;
    public static final int FEATURE_MCT_UNIVERSAL = 0x09;
    public static final int FEATURE_IFD_PIN_PROPERTIES = 0x0A;
    public static final int FEATURE_ABORT = 0x0B;
    public static final int FEATURE_SET_SPE_MESSAGE = 0x0C;
    public static final int FEATURE_VERIFY_PIN_DIRECT_APP_ID = 0x0D;
    public static final int FEATURE_MODIFY_PIN_DIRECT_APP_ID = 0x0E;
    public static final int FEATURE_WRITE_DISPLAY = 0x0F;
    public static final int FEATURE_GET_KEY = 0x10;
    public static final int FEATURE_IFD_DISPLAY_PROPERTIES = 0x11;
    public static final int FEATURE_GET_TLV_PROPERTIES = 0x12;
    public static final int FEATURE_CCID_ESC_COMMAND = 0x13;
    public static final int FEATURE_EXECUTE_PACE = 0x20;

    private ControlCodes() {
    }

    /** pcsc-lite's {@code SCARD_CTL_CODE(code)} = 0x42000000 + code (Windows uses another formula). */
    public static int scardCtlCode(int code) {
        return 0x42000000 + code;
    }
}
