// Checks the keyframe gate's rules one by one with hand-made access units, through real GStreamer:
//   appsrc (H.264 or H.265 byte-stream access units) ! dskeyframegate ! appsink
// Built and run by KeyframeGateRulesTest (g++, pkg-config gstreamer-1.0 gstreamer-app-1.0); prints
// "ok <case>" or "FAIL <case>: ..." per case and exits with the number of failures.
#include "dualstream_keyframe_gate.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <stdio.h>
#include <string>
#include <vector>

namespace {

int failures = 0;

// One NAL unit: a start code, the NAL header for `type` and a first payload byte whose top bit is the
// first-slice flag (H.265 first_slice_segment_in_pic_flag, H.264 first_mb_in_slice == 0), padded.
void nal(std::vector<guint8>& au, bool h265, int type, bool first, size_t pad) {
    au.insert(au.end(), {0, 0, 1});
    if (h265) {
        au.push_back((guint8)(type << 1));
        au.push_back(1);
    } else {
        au.push_back((guint8)(0x60 | type));
    }
    au.push_back(first ? 0x80 : 0x40);
    au.insert(au.end(), pad, 0x55);
}

struct Unit {
    std::vector<guint8> bytes;
    bool discont;
    int id;
};

// A picture of `slices` slices of NAL type `type`; `firstMissing`: its first slice was lost.
Unit picture(bool h265, int type, int slices, bool discont, int id, bool firstMissing = false,
             size_t slicePad = 200) {
    Unit u{{}, discont, id};
    if (h265 && type >= 16 && type <= 23) {
        nal(u.bytes, true, 32, false, 20);   // VPS, SPS, PPS before a keyframe, as cameras send them
        nal(u.bytes, true, 33, false, 40);
        nal(u.bytes, true, 34, false, 10);
    }
    for (int s = 0; s < slices; s++) {
        nal(u.bytes, h265, type, s == 0 && !firstMissing, slicePad);
    }
    u.bytes.push_back((guint8)id);   // makes every unit's content its own
    return u;
}

// Pushes the units through appsrc ! dskeyframegate ! appsink; returns the ids that came out and
// whether each carried DISCONT.
std::vector<std::pair<int, bool>> run(const char* caps, const std::vector<Unit>& units) {
    std::string launch = std::string("appsrc name=src caps=\"") + caps
            + "\" format=time ! dskeyframegate name=gate ! appsink name=sink sync=false";
    GError* error = NULL;
    GstElement* pipeline = gst_parse_launch(launch.c_str(), &error);
    if (pipeline == NULL) {
        printf("FAIL parse: %s\n", error->message);
        exit(100);
    }
    GstElement* src = gst_bin_get_by_name(GST_BIN(pipeline), "src");
    GstElement* sink = gst_bin_get_by_name(GST_BIN(pipeline), "sink");
    gst_element_set_state(pipeline, GST_STATE_PLAYING);
    for (const Unit& u : units) {
        GstBuffer* buf = gst_buffer_new_memdup(u.bytes.data(), u.bytes.size());
        GST_BUFFER_PTS(buf) = (GstClockTime)u.id * 40 * GST_MSECOND;
        if (u.discont) {
            GST_BUFFER_FLAG_SET(buf, GST_BUFFER_FLAG_DISCONT);
        }
        gst_app_src_push_buffer(GST_APP_SRC(src), buf);
    }
    gst_app_src_end_of_stream(GST_APP_SRC(src));
    std::vector<std::pair<int, bool>> out;
    for (;;) {
        GstSample* sample = gst_app_sink_pull_sample(GST_APP_SINK(sink));
        if (sample == NULL) {
            break;
        }
        GstBuffer* buf = gst_sample_get_buffer(sample);
        guint8 last = 0;
        gst_buffer_extract(buf, gst_buffer_get_size(buf) - 1, &last, 1);
        out.emplace_back((int)last, GST_BUFFER_FLAG_IS_SET(buf, GST_BUFFER_FLAG_DISCONT));
        gst_sample_unref(sample);
    }
    gst_element_set_state(pipeline, GST_STATE_NULL);
    gst_object_unref(src);
    gst_object_unref(sink);
    gst_object_unref(pipeline);
    return out;
}

std::string ids(const std::vector<std::pair<int, bool>>& out) {
    std::string s;
    for (const auto& o : out) {
        s += std::to_string(o.first) + (o.second ? "d " : " ");
    }
    return s;
}

void expect(const char* name, const std::vector<std::pair<int, bool>>& out, const std::string& wanted) {
    std::string got = ids(out);
    if (got == wanted) {
        printf("ok %s: %s\n", name, got.c_str());
    } else {
        printf("FAIL %s: passed [%s], expected [%s] (d: DISCONT)\n", name, got.c_str(), wanted.c_str());
        failures++;
    }
}

const char* H265 = "video/x-h265,stream-format=byte-stream,alignment=au";
const char* H264 = "video/x-h264,stream-format=byte-stream,alignment=au";
const int IDR = 19, CRA = 21, TRAIL = 1, RASL = 8, IDR264 = 5, P264 = 1;

}  // namespace

int main(int argc, char** argv) {
    gst_init(&argc, &argv);
    dualstream_register_keyframe_gate();

    // A stream joined mid-GOP: nothing before the first keyframe; the first buffer's DISCONT is no gap.
    expect("start", run(H265, {picture(true, TRAIL, 1, true, 1), picture(true, IDR, 1, false, 2),
            picture(true, TRAIL, 1, false, 3)}), "2d 3 ");
    // A gap: the unit it ended in and the deltas after it are dropped; the next whole keyframe resumes.
    expect("gap", run(H265, {picture(true, IDR, 1, true, 1), picture(true, TRAIL, 1, false, 2),
            picture(true, TRAIL, 1, true, 3), picture(true, TRAIL, 1, false, 4), picture(true, IDR, 1, false, 5),
            picture(true, TRAIL, 1, false, 6)}), "1d 2 5d 6 ");
    // A keyframe whose first slice was lost is no place to resume.
    expect("first slice lost", run(H265, {picture(true, IDR, 2, true, 1), picture(true, TRAIL, 2, true, 2),
            picture(true, IDR, 2, false, 3, true), picture(true, IDR, 2, false, 4)}), "1d 4d ");
    // The unit a gap ended in is taken when it is a keyframe as whole as the last whole one (3 slices)...
    expect("gap at a whole keyframe", run(H265, {picture(true, IDR, 3, true, 1), picture(true, TRAIL, 3, false, 2),
            picture(true, IDR, 3, true, 3), picture(true, TRAIL, 3, false, 4)}), "1d 2 3d 4 ");
    // ...and not when a slice is missing from it.
    expect("gap in a keyframe", run(H265, {picture(true, IDR, 3, true, 1), picture(true, TRAIL, 3, false, 2),
            picture(true, IDR, 2, true, 3), picture(true, TRAIL, 3, false, 4), picture(true, IDR, 3, false, 5)}),
            "1d 2 5d ");
    // Slices counted right when their start codes sit on the 4 KiB read window's edges: the second
    // slice's start code (after 88 bytes of parameter sets and the first slice) moves across the
    // first window's edge, the third's across the second's.
    int edgeFailures = failures;
    for (size_t pad = 3980; pad < 4110; pad++) {
        // (the keyframe that sets the count has small slices: a miscount would show as a refusal)
        auto out = run(H265, {picture(true, IDR, 3, true, 1), picture(true, TRAIL, 3, false, 2),
                picture(true, IDR, 3, true, 3, false, pad)});
        if (ids(out) != "1d 2 3d ") {
            expect(("window edge, slice size " + std::to_string(pad)).c_str(), out, "1d 2 3d ");
        }
    }
    if (failures == edgeFailures) {
        printf("ok window edges: slice sizes 3980-4109\n");
    }
    // Resumed at a CRA: its RASL pictures reference what was dropped.
    expect("CRA", run(H265, {picture(true, IDR, 1, true, 1), picture(true, TRAIL, 1, true, 2),
            picture(true, CRA, 1, false, 3), picture(true, RASL, 1, false, 4), picture(true, TRAIL, 1, false, 5),
            picture(true, RASL, 1, false, 6)}), "1d 3d 5 6 ");
    // H.264: IDR only, first_mb_in_slice == 0.
    expect("H.264", run(H264, {picture(false, IDR264, 1, true, 1), picture(false, P264, 1, false, 2),
            picture(false, P264, 1, true, 3), picture(false, IDR264, 1, false, 4, true),
            picture(false, IDR264, 1, false, 5)}), "1d 2 5d ");
    // Anything else passes as it is.
    expect("other caps", run("video/x-h265,stream-format=hvc1,alignment=au", {picture(true, TRAIL, 1, true, 1),
            picture(true, TRAIL, 1, true, 2)}), "1d 2d ");
    printf("%d failure(s)\n", failures);
    return failures;
}
