// DualStream's keyframe gate: a GStreamer element compiled into OpenCV's GStreamer backend.
//
// opencv-build/build-plugin.cmake copies this file next to modules/videoio/src/cap_gstreamer.cpp,
// includes it there and registers the element right after gst_init, so every build made from that
// source tree has it: the Linux plugin, the Windows plugin DLL and the full OpenCV builds with
// GStreamer built in. It is registered in the process only (no plugin file): gst-inspect-1.0 does
// not list it, OpenCV's pipelines can use it.
//
//   rtph265depay ! video/x-h265,stream-format=byte-stream,alignment=au ! dskeyframegate ! h265parse ! ...
//
// Why: a leaky queue before the depayloader bounds the decode backlog by dropping RTP packets, and
// the decoder must then skip to the next keyframe instead of decoding pictures whose references
// were dropped (smeared frames). rtph264depay has wait-for-keyframe for that; rtph265depay has
// nothing like it up to GStreamer 1.26, and GstVideoDecoder's automatic sync points react to
// packet-loss events, not to the DISCONT the depayloader sets after a sequence-number gap.
//
// What it does, per access unit (H.264 or H.265 byte-stream, one access unit per buffer):
//   - a DISCONT buffer after the first one marks a gap upstream: the gate waits from there;
//   - while waiting, everything is dropped up to a random-access picture (IDR/BLA/CRA, IDR for
//     H.264) whose first slice is the picture's first (first_slice_segment_in_pic_flag,
//     first_mb_in_slice == 0): a keyframe whose start was lost in the gap is not complete;
//   - the depayloader drops a NAL unit it lost part of, so a keyframe can only miss whole slices.
//     The DISCONT buffer itself (the access unit the gap ended in) is taken only when it is such a
//     keyframe with as many slices as the last keyframe that came without a gap;
//   - after resuming at a CRA, RASL pictures are dropped: they reference pictures before the CRA;
//   - the buffer it resumes at carries DISCONT, so the parser and decoder start afresh.
// Anything other than H.264/H.265 byte-stream passes through untouched. No allocation per buffer:
// NAL headers are read through a small stack window, to the first slice of a delta picture and
// through the whole of a keyframe (to count its slices).
#ifndef DUALSTREAM_KEYFRAME_GATE_HPP
#define DUALSTREAM_KEYFRAME_GATE_HPP

#include <gst/gst.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC(dualstream_gate_debug);

enum DualStreamGateCodec { DUALSTREAM_GATE_OTHER = 0, DUALSTREAM_GATE_H264, DUALSTREAM_GATE_H265 };

typedef struct {
    GstElement parent;
    GstPad* sinkpad;
    GstPad* srcpad;
    DualStreamGateCodec codec;
    gboolean seen_any;   // a buffer has arrived since the start or the last flush
    gboolean waiting;    // dropping until a complete random-access picture
    gboolean skip_rasl;  // resumed at a CRA: its RASL pictures reference dropped pictures
    guint keyframe_slices;  // slices of the last keyframe that came without a gap (0: none yet)
    guint64 dropped;     // access units dropped ("dropped"), under the object lock
    guint64 resumes;     // times the gate resumed after a gap ("resumes"), under the object lock
} DualStreamKeyframeGate;

typedef struct {
    GstElementClass parent_class;
} DualStreamKeyframeGateClass;

G_DEFINE_TYPE(DualStreamKeyframeGate, dualstream_keyframe_gate, GST_TYPE_ELEMENT)

enum { DUALSTREAM_GATE_PROP_0, DUALSTREAM_GATE_PROP_DROPPED, DUALSTREAM_GATE_PROP_RESUMES };

static GstStaticPadTemplate dualstream_gate_sink_template =
    GST_STATIC_PAD_TEMPLATE("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);
static GstStaticPadTemplate dualstream_gate_src_template =
    GST_STATIC_PAD_TEMPLATE("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

// What the gate needs to know of one access unit: read from its first VCL NAL unit only, since all
// slices of a picture share the NAL unit type.
typedef struct {
    gboolean found;           // a VCL NAL unit was found
    gboolean random_access;   // IDR/BLA/CRA (H.265), IDR (H.264)
    gboolean cra;             // H.265 CRA: RASL pictures may follow
    gboolean rasl;            // H.265 RASL picture
    gboolean first_slice;     // the first slice is the picture's first
    guint slices;             // VCL NAL units: counted through a random-access picture, else 1
} DualStreamAccessUnit;

// Decides from the NAL header at d[0] (and the slice header's first byte after it) whether this is
// a VCL NAL unit and fills *au. The byte after the header is never an emulation-prevention byte:
// the header bytes are not zero.
static gboolean dualstream_gate_read_nal(DualStreamGateCodec codec, const guint8* d, DualStreamAccessUnit* au) {
    gboolean random_access, first_slice, cra = FALSE, rasl = FALSE;
    if (codec == DUALSTREAM_GATE_H265) {
        guint type = (d[0] >> 1) & 0x3f;
        if (type >= 32) {
            return FALSE;
        }
        random_access = type >= 16 && type <= 23;
        cra = type == 21;
        rasl = type == 8 || type == 9;
        first_slice = (d[2] & 0x80) != 0;
    } else {
        guint type = d[0] & 0x1f;
        if (type < 1 || type > 5) {
            return FALSE;
        }
        random_access = type == 5;
        first_slice = (d[1] & 0x80) != 0;   // ue(v) first_mb_in_slice == 0 is the single bit 1
    }
    if (!au->found) {
        au->found = TRUE;
        au->random_access = random_access;
        au->cra = cra;
        au->rasl = rasl;
        au->first_slice = first_slice;
    }
    au->slices++;
    return TRUE;
}

// Scans the byte stream for start codes through a stack window (buffers from a depayloader are
// often several memories: mapping them whole would copy a keyframe). Stops at the first slice of a
// picture that is not a random-access one.
static DualStreamAccessUnit dualstream_gate_scan(DualStreamGateCodec codec, GstBuffer* buf) {
    enum { WINDOW = 4096, TAIL = 6 };   // TAIL: start code (3) + the 3 bytes read after it
    DualStreamAccessUnit au;
    memset(&au, 0, sizeof au);
    guint8 window[WINDOW];
    gsize size = gst_buffer_get_size(buf);
    for (gsize offset = 0; offset < size;) {
        gsize got = gst_buffer_extract(buf, offset, window, WINDOW);
        gboolean last = offset + got >= size;
        // Start codes beginning before `end` are read here; the next window starts at `end`, so a
        // start code and the 3 bytes after it never straddle two windows.
        gsize end = last ? got : got - TAIL;
        for (gsize i = 0; i < end; i++) {
            if (i + 3 <= got && window[i] == 0 && window[i + 1] == 0 && window[i + 2] == 1) {
                if (i + 3 + 3 > got) {
                    return au;   // truncated NAL unit at the very end
                }
                if (dualstream_gate_read_nal(codec, window + i + 3, &au) && !au.random_access) {
                    return au;
                }
                i += 2;
            }
        }
        if (last) {
            break;
        }
        offset += end;
    }
    return au;
}

static GstFlowReturn dualstream_gate_drop(DualStreamKeyframeGate* gate, GstBuffer* buf) {
    GST_OBJECT_LOCK(gate);
    gate->dropped++;
    GST_OBJECT_UNLOCK(gate);
    gst_buffer_unref(buf);
    return GST_FLOW_OK;
}

static GstFlowReturn dualstream_gate_chain(GstPad* pad, GstObject* parent, GstBuffer* buf) {
    (void)pad;
    DualStreamKeyframeGate* gate = (DualStreamKeyframeGate*)parent;
    if (gate->codec == DUALSTREAM_GATE_OTHER) {
        return gst_pad_push(gate->srcpad, buf);
    }
    gboolean first = !gate->seen_any;
    gate->seen_any = TRUE;
    gboolean gap = !first && GST_BUFFER_FLAG_IS_SET(buf, GST_BUFFER_FLAG_DISCONT);
    if (gap && !gate->waiting) {
        GST_CAT_INFO_OBJECT(dualstream_gate_debug, gate, "gap upstream: dropping up to the next complete keyframe");
    }
    gate->waiting |= gap;
    DualStreamAccessUnit au = dualstream_gate_scan(gate->codec, buf);
    if (au.random_access && au.first_slice && !gap) {
        gate->keyframe_slices = au.slices;
    }
    if (gate->waiting) {
        gboolean whole = au.random_access && au.first_slice
                && (!gap || (gate->keyframe_slices > 0 && au.slices >= gate->keyframe_slices));
        if (!whole) {
            return dualstream_gate_drop(gate, buf);
        }
        gate->waiting = FALSE;
        gate->skip_rasl = au.cra;
        if (!first) {
            GST_OBJECT_LOCK(gate);
            gate->resumes++;
            GST_OBJECT_UNLOCK(gate);
            GST_CAT_INFO_OBJECT(dualstream_gate_debug, gate, "resumed at a keyframe of %u slices", au.slices);
        }
        buf = gst_buffer_make_writable(buf);
        GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
    } else if (gate->skip_rasl && au.found) {
        if (au.rasl) {
            return dualstream_gate_drop(gate, buf);
        }
        gate->skip_rasl = FALSE;
    }
    return gst_pad_push(gate->srcpad, buf);
}

static void dualstream_gate_reset(DualStreamKeyframeGate* gate) {
    gate->seen_any = FALSE;
    gate->waiting = TRUE;
    gate->skip_rasl = FALSE;
    gate->keyframe_slices = 0;
}

static gboolean dualstream_gate_sink_event(GstPad* pad, GstObject* parent, GstEvent* event) {
    DualStreamKeyframeGate* gate = (DualStreamKeyframeGate*)parent;
    switch (GST_EVENT_TYPE(event)) {
    case GST_EVENT_CAPS: {
        GstCaps* caps;
        gst_event_parse_caps(event, &caps);
        const GstStructure* s = gst_caps_get_structure(caps, 0);
        const gchar* format = gst_structure_get_string(s, "stream-format");
        const gchar* alignment = gst_structure_get_string(s, "alignment");
        gboolean byte_stream_au = format != NULL && strcmp(format, "byte-stream") == 0
                && alignment != NULL && strcmp(alignment, "au") == 0;
        gboolean h265 = gst_structure_has_name(s, "video/x-h265");
        gboolean h264 = gst_structure_has_name(s, "video/x-h264");
        gate->codec = !byte_stream_au ? DUALSTREAM_GATE_OTHER : h265 ? DUALSTREAM_GATE_H265
                : h264 ? DUALSTREAM_GATE_H264 : DUALSTREAM_GATE_OTHER;
        if ((h264 || h265) && !byte_stream_au) {
            GST_CAT_WARNING_OBJECT(dualstream_gate_debug, gate, "%" GST_PTR_FORMAT " is not byte-stream access "
                    "units (put stream-format=byte-stream,alignment=au caps before the gate): passing it all", caps);
        } else if (gate->codec == DUALSTREAM_GATE_OTHER) {
            GST_CAT_INFO_OBJECT(dualstream_gate_debug, gate, "not H.264/H.265: passing it all");
        }
        break;
    }
    case GST_EVENT_STREAM_START:
    case GST_EVENT_FLUSH_STOP:
        dualstream_gate_reset(gate);
        break;
    default:
        break;
    }
    return gst_pad_event_default(pad, parent, event);
}

static void dualstream_gate_get_property(GObject* object, guint id, GValue* value, GParamSpec* pspec) {
    DualStreamKeyframeGate* gate = (DualStreamKeyframeGate*)object;
    GST_OBJECT_LOCK(gate);
    if (id == DUALSTREAM_GATE_PROP_DROPPED) {
        g_value_set_uint64(value, gate->dropped);
    } else if (id == DUALSTREAM_GATE_PROP_RESUMES) {
        g_value_set_uint64(value, gate->resumes);
    } else {
        G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
    }
    GST_OBJECT_UNLOCK(gate);
}

static void dualstream_keyframe_gate_class_init(DualStreamKeyframeGateClass* klass) {
    GObjectClass* object_class = G_OBJECT_CLASS(klass);
    GstElementClass* element_class = GST_ELEMENT_CLASS(klass);
    object_class->get_property = dualstream_gate_get_property;
    g_object_class_install_property(object_class, DUALSTREAM_GATE_PROP_DROPPED,
            g_param_spec_uint64("dropped", "Dropped", "Access units dropped after gaps", 0, G_MAXUINT64, 0,
                    (GParamFlags)(G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
    g_object_class_install_property(object_class, DUALSTREAM_GATE_PROP_RESUMES,
            g_param_spec_uint64("resumes", "Resumes", "Times the stream resumed at a keyframe after a gap", 0,
                    G_MAXUINT64, 0, (GParamFlags)(G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
    gst_element_class_add_static_pad_template(element_class, &dualstream_gate_sink_template);
    gst_element_class_add_static_pad_template(element_class, &dualstream_gate_src_template);
    gst_element_class_set_static_metadata(element_class, "DualStream keyframe gate", "Filter/Video",
            "Drops H.264/H.265 access units from a gap upstream to the next complete keyframe", "DualStream");
}

static void dualstream_keyframe_gate_init(DualStreamKeyframeGate* gate) {
    gate->sinkpad = gst_pad_new_from_static_template(&dualstream_gate_sink_template, "sink");
    gst_pad_set_chain_function(gate->sinkpad, dualstream_gate_chain);
    gst_pad_set_event_function(gate->sinkpad, dualstream_gate_sink_event);
    GST_PAD_SET_PROXY_CAPS(gate->sinkpad);
    GST_PAD_SET_PROXY_ALLOCATION(gate->sinkpad);
    gst_element_add_pad(GST_ELEMENT(gate), gate->sinkpad);
    gate->srcpad = gst_pad_new_from_static_template(&dualstream_gate_src_template, "src");
    GST_PAD_SET_PROXY_CAPS(gate->srcpad);
    GST_PAD_SET_PROXY_ALLOCATION(gate->srcpad);
    gst_element_add_pad(GST_ELEMENT(gate), gate->srcpad);
    gate->codec = DUALSTREAM_GATE_OTHER;
    gate->dropped = 0;
    gate->resumes = 0;
    dualstream_gate_reset(gate);
}

// Called once, right after gst_init (cap_gstreamer.cpp's gst_initializer).
static void dualstream_register_keyframe_gate(void) {
    GST_DEBUG_CATEGORY_INIT(dualstream_gate_debug, "dskeyframegate", 0, "DualStream keyframe gate");
    if (!gst_element_register(NULL, "dskeyframegate", GST_RANK_NONE, dualstream_keyframe_gate_get_type())) {
        GST_CAT_WARNING(dualstream_gate_debug, "could not register dskeyframegate");
    }
}

#endif  // DUALSTREAM_KEYFRAME_GATE_HPP
