/**
 * The HTML build report's parts that need nothing of the flow: the page model ({@link
 * dev.spikeforge.flow.report.ReportDocument}), its self-contained HTML ({@link
 * dev.spikeforge.flow.report.HtmlPage}), the golden model's per-layer activity ({@link
 * dev.spikeforge.flow.report.Activity}) and the plots, drawn by JFreeChart into inline SVG ({@link
 * dev.spikeforge.flow.report.Charts}). The flow's {@code HtmlReportRun} fills the model from a build's
 * records; this package never depends on the flow.
 */
package dev.spikeforge.flow.report;
