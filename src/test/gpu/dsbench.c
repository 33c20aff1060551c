/*
 * dsbench: runs one GStreamer pipeline the way DualStream's capture does
 * (an appsink pulled by the application thread, as OpenCV's videoio plugin
 * does) for a fixed wall time and prints one JSON line:
 *   frames, seconds, fps, cpu_s (user+sys of this process), cpu_ms_per_frame,
 *   stale_p50_ms / stale_p99_ms / stale_max_ms.
 * Staleness = time from a buffer entering the element named "dec" (its sink
 * pad) until the application has pulled the decoded frame with the same PTS,
 * i.e. decode + queue + convert + appsink hand-over.
 * Usage: dsbench SECONDS 'pipeline with ... name=dec ... appsink name=sink'
 * Built with plain C against GStreamer so that it runs on a GPU machine
 * without a JDK (a JDK plus OpenCV natives does not fit the carried folder).
 */
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RING 8192
static GstClockTime ring_pts[RING];
static gint64 ring_t[RING];
static GMutex ring_lock;

static gint64 now_us(void) { return g_get_monotonic_time(); }

static GstPadProbeReturn on_dec_in(GstPad *pad, GstPadProbeInfo *info, gpointer u) {
  GstBuffer *b = GST_PAD_PROBE_INFO_BUFFER(info);
  (void)pad; (void)u;
  /* A parser fed a raw byte-stream may stamp only the DTS; the clips have
   * no B-frames (like cameras), so DTS in equals PTS out. */
  GstClockTime pts = b ? (GST_BUFFER_PTS_IS_VALID(b) ? GST_BUFFER_PTS(b) : GST_BUFFER_DTS(b)) : GST_CLOCK_TIME_NONE;
  if (GST_CLOCK_TIME_IS_VALID(pts)) {
    guint i = (guint)((pts / 1000) % RING);
    g_mutex_lock(&ring_lock);
    ring_pts[i] = pts; ring_t[i] = now_us();
    g_mutex_unlock(&ring_lock);
  }
  return GST_PAD_PROBE_OK;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double cpu_s(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: dsbench SECONDS 'PIPELINE (with name=dec and appsink name=sink)'\n");
    return 2;
  }
  gst_init(NULL, NULL);
  double seconds = atof(argv[1]);
  GError *err = NULL;
  GstElement *p = gst_parse_launch(argv[2], &err);
  if (!p || err) {
    fprintf(stderr, "dsbench: pipeline does not parse: %s\n", err ? err->message : "?");
    printf("{\"error\":\"parse\"}\n");
    return 3;
  }
  GstElement *dec = gst_bin_get_by_name(GST_BIN(p), "dec");
  GstElement *sink = gst_bin_get_by_name(GST_BIN(p), "sink");
  if (!sink) { fprintf(stderr, "dsbench: no appsink named sink\n"); return 2; }
  if (dec) {
    GstPad *pad = gst_element_get_static_pad(dec, "sink");
    gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, on_dec_in, NULL, NULL);
    gst_object_unref(pad);
  }
  size_t cap = 1 << 20, n_st = 0;
  double *st = malloc(cap * sizeof(double));
  if (gst_element_set_state(p, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    fprintf(stderr, "dsbench: pipeline does not start\n");
    printf("{\"error\":\"start\"}\n");
    return 4;
  }
  GstBus *bus = gst_element_get_bus(p);
  /* Count from the first frame: start-up (plugin load, CUDA context) is not decode rate. */
  gint64 t0 = 0, t_end = 0;
  double c0 = 0;
  long frames = 0;
  const char *end = "time";
  for (;;) {
    GstSample *s = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), 200 * GST_MSECOND);
    gint64 t = now_us();
    if (s) {
      if (!t0) { t0 = t; c0 = cpu_s(); t_end = t0 + (gint64)(seconds * 1e6); }
      else {
        frames++;
        GstBuffer *b = gst_sample_get_buffer(s);
        if (b && GST_BUFFER_PTS_IS_VALID(b)) {
          GstClockTime pts = GST_BUFFER_PTS(b);
          guint i = (guint)((pts / 1000) % RING);
          g_mutex_lock(&ring_lock);
          if (ring_pts[i] == pts && ring_t[i]) {
            if (n_st < cap) st[n_st++] = (t - ring_t[i]) / 1000.0;
            ring_t[i] = 0;
          }
          g_mutex_unlock(&ring_lock);
        }
      }
      gst_sample_unref(s);
    } else if (gst_app_sink_is_eos(GST_APP_SINK(sink))) { end = "eos"; break; }
    GstMessage *m = gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR);
    if (m) {
      GError *e = NULL; gchar *dbg = NULL;
      gst_message_parse_error(m, &e, &dbg);
      fprintf(stderr, "dsbench: error from %s: %s (%s)\n", GST_OBJECT_NAME(m->src), e->message, dbg ? dbg : "");
      end = "error";
      gst_message_unref(m);
      break;
    }
    if (t0 && t >= t_end) break;
  }
  gint64 t1 = now_us();
  double c1 = cpu_s();
  double wall = t0 ? (t1 - t0) / 1e6 : 0;
  gst_element_set_state(p, GST_STATE_NULL);
  qsort(st, n_st, sizeof(double), cmp_d);
  double p50 = n_st ? st[n_st / 2] : -1, p99 = n_st ? st[(size_t)(n_st * 0.99)] : -1, mx = n_st ? st[n_st - 1] : -1;
  printf("{\"end\":\"%s\",\"frames\":%ld,\"seconds\":%.3f,\"fps\":%.2f,\"cpu_s\":%.3f,"
         "\"cpu_ms_per_frame\":%.3f,\"cpu_cores\":%.3f,\"stale_samples\":%zu,"
         "\"stale_p50_ms\":%.2f,\"stale_p99_ms\":%.2f,\"stale_max_ms\":%.2f}\n",
         end, frames, wall, wall > 0 ? frames / wall : 0, c1 - c0,
         frames ? (c1 - c0) * 1000 / frames : -1, wall > 0 ? (c1 - c0) / wall : 0,
         n_st, p50, p99, mx);
  return strcmp(end, "error") == 0 ? 5 : 0;
}
