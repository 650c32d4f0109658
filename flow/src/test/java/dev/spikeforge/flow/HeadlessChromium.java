package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, for tests that assert on what a browser makes of a page. A
 * missing chromium fails the test with the install command (never a skip: the report's rendering
 * test must run wherever the suite runs; {@code scripts/ensure-deps.sh --tests} installs it).
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  /** The chromium executable on PATH; fails the test if there is none. */
  static Path require() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return fail("chromium is not installed (not on PATH): the HTML report is tested by rendering it in headless"
        + " Chromium; install it with 'apt-get install chromium' (scripts/ensure-deps.sh --tests does)");
  }

  /** The DOM chromium builds from {@code page} (a local file; no network), serialized after load. */
  static String dumpDom(Path page, Path work) throws Exception {
    Path chromium = require();
    Path profile = Files.createDirectories(work.resolve("chromium-profile"));
    Path out = work.resolve("dom.html");
    Path err = work.resolve("chromium.log");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(),
        "--dump-dom", page.toAbsolutePath().toUri().toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly); // its zygote and renderers too
      p.destroyForcibly();
      fail("chromium did not finish within 90 s rendering " + page + "; its log: " + tail(err));
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0 || dom.isBlank()) {
      fail("chromium exited with " + p.exitValue() + " and " + dom.length() + " characters of DOM for " + page
          + "; its log: " + tail(err));
    }
    return dom;
  }

  /** The text a reader sees: the DOM without tags, style and entities, whitespace collapsed. */
  static String text(String dom) {
    return dom.replaceAll("(?s)<style.*?</style>", " ").replaceAll("(?s)<[^>]+>", " ").replace("&amp;", "&")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replaceAll("\\s+", " ");
  }

  private static String tail(Path log) throws Exception {
    String s = Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
