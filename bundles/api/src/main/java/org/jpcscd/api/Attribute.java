package org.jpcscd.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code SCARD_ATTR_*} identifiers ({@code class << 16 | tag}) for Get/SetAttrib. */
public final class Attribute {
    public static final int VENDOR_NAME = 0x00010100;
    public static final int VENDOR_IFD_TYPE = 0x00010101;
    public static final int VENDOR_IFD_VERSION = 0x00010102;
    public static final int VENDOR_IFD_SERIAL_NO = 0x00010103;
    public static final int CHANNEL_ID = 0x00020110;
    public static final int ASYNC_PROTOCOL_TYPES = 0x00030120;
    public static final int DEFAULT_CLK = 0x00030121;
    public static final int MAX_CLK = 0x00030122;
    public static final int DEFAULT_DATA_RATE = 0x00030123;
    public static final int MAX_DATA_RATE = 0x00030124;
    public static final int MAX_IFSD = 0x00030125;
    public static final int SYNC_PROTOCOL_TYPES = 0x00030126;
    public static final int POWER_MGMT_SUPPORT = 0x00040131;
    public static final int USER_TO_CARD_AUTH_DEVICE = 0x00050140;
    public static final int USER_AUTH_INPUT_DEVICE = 0x00050142;
    public static final int CHARACTERISTICS = 0x00060150;
    public static final int CURRENT_PROTOCOL_TYPE = 0x00080201;
    public static final int CURRENT_CLK = 0x00080202;
    public static final int CURRENT_F = 0x00080203;
    public static final int CURRENT_D = 0x00080204;
    public static final int CURRENT_N = 0x00080205;
    public static final int CURRENT_W = 0x00080206;
    public static final int CURRENT_IFSC = 0x00080207;
    public static final int CURRENT_IFSD = 0x00080208;
    public static final int CURRENT_BWT = 0x00080209;
    public static final int CURRENT_CWT = 0x0008020A;
    public static final int CURRENT_EBC_ENCODING = 0x0008020B;
    public static final int EXTENDED_BWT = 0x0008020C;
    public static final int ICC_PRESENCE = 0x00090300;
    public static final int ICC_INTERFACE_STATUS = 0x00090301;
    public static final int CURRENT_IO_STATE = 0x00090302;
    public static final int ATR_STRING = 0x00090303;
    public static final int ICC_TYPE_PER_ATR = 0x00090304;
    public static final int ESC_RESET = 0x0007A000;
    public static final int ESC_CANCEL = 0x0007A003;
    public static final int ESC_AUTHREQUEST = 0x0007A005;
    public static final int MAXINPUT = 0x0007A007;
    public static final int DEVICE_UNIT = 0x7FFF0001;
    public static final int DEVICE_IN_USE = 0x7FFF0002;
    public static final int DEVICE_FRIENDLY_NAME_A = 0x7FFF0003;
    public static final int DEVICE_SYSTEM_NAME_A = 0x7FFF0004;
    public static final int DEVICE_FRIENDLY_NAME_W = 0x7FFF0005;
    public static final int DEVICE_SYSTEM_NAME_W = 0x7FFF0006;
    public static final int SUPRESS_T1_IFS_REQUEST = 0x7FFF0007;
    /** pcsc-lite's {@code SCARD_ATTR_DEVICE_FRIENDLY_NAME} is the ANSI variant. */
    public static final int DEVICE_FRIENDLY_NAME = DEVICE_FRIENDLY_NAME_A;
    public static final int DEVICE_SYSTEM_NAME = DEVICE_SYSTEM_NAME_A;

    /** The largest attribute value that travels on the wire ({@code MAX_BUFFER_SIZE}). */
    public static final int MAX_VALUE_LENGTH = 264;

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        for (var field : Attribute.class.getFields()) {
            if (field.getType() == int.class && !field.getName().equals("MAX_VALUE_LENGTH")) {
                try {
                    NAMES.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    private Attribute() {
    }

    /** "ATR_STRING", or the hex id for an attribute without a name here. */
    public static String name(int id) {
        String name = NAMES.get(id);
        return name != null ? name : String.format("0x%08X", id);
    }
}
