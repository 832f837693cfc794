package org.snn4j.datasets;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;

/**
 * The {@code IOHeader} FlatBuffer of an AEDAT 4.0 file, read with the FlatBuffers runtime's table access
 * (no generated code): {@code compression} (field 0, int32, default 0), {@code dataTablePosition} (field 1,
 * int64, default -1) and {@code infoNode} (field 2, string).
 */
final class IoHeader extends Table {
    private final int compression;
    private final long dataTablePosition;
    private final String info;

    private IoHeader(ByteBuffer bb, String file, int fileOffset) {
        if (bb.limit() < 8) throw new DataFormatException(file, "byte " + fileOffset + ": IOHeader expected at least 8 bytes, was " + bb.limit());
        int root = bb.getInt(0);
        if (root < 4 || root > bb.limit() - 4) {
            throw new DataFormatException(file, "byte " + fileOffset + ": IOHeader root offset expected in [4, " + (bb.limit() - 4)
                    + "], was " + root);
        }
        try {
            __reset(root, bb);
            int o = __offset(4);
            compression = o == 0 ? 0 : bb.getInt(o + bb_pos);
            o = __offset(6);
            dataTablePosition = o == 0 ? -1 : bb.getLong(o + bb_pos);
            o = __offset(8);
            info = o == 0 ? "" : __string(o + bb_pos);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new DataFormatException(file, "byte " + fileOffset + ": IOHeader expected a FlatBuffer table, was corrupt ("
                    + Aedat4Reader.oneLine(e) + ")", e);
        }
        if (compression < 0 || compression > 4) {
            throw new DataFormatException(file, "byte " + fileOffset + ": IOHeader compression expected 0-4 (none, LZ4, LZ4 high, Zstd, "
                    + "Zstd high), was " + compression);
        }
    }

    static IoHeader parse(ByteBuffer bb, String file, int fileOffset) {
        return new IoHeader(bb, file, fileOffset);
    }

    int compression() {
        return compression;
    }

    long dataTablePosition() {
        return dataTablePosition;
    }

    String info() {
        return info;
    }
}
