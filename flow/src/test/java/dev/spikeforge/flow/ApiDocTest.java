package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs the {@code java} block of docs/api.md in JShell against the test class path, snippet by snippet. */
@Tag("unit")
class ApiDocTest {

  @Test
  void theExampleInDocsApiRuns() throws Exception {
    Path doc = Path.of(System.getProperty("spikeforge.root", "..")).resolve("docs/api.md");
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
    assertTrue(m.find(), "docs/api.md has no ```java block");
    String code = m.group(1);
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
      String rest = code;
      int snippets = 0;
      while (!rest.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
        assertTrue(info.completeness().isComplete(), "incomplete snippet: " + rest);
        for (SnippetEvent e : shell.eval(info.source())) {
          if (e.status() == Snippet.Status.REJECTED) {
            fail("rejected: " + info.source() + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
          }
          if (e.exception() != null) {
            fail("threw: " + info.source() + " -> " + e.exception());
          }
        }
        snippets++;
        rest = info.remaining();
      }
      assertFalse(snippets < 5, "ran " + snippets + " snippets");
    }
  }
}
