package com.boxoffice.bench;

import com.boxoffice.testkit.TemplateYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deployed sizes of every function in template.yaml: its own jar as SAM packs it (a zip with the
 * jar under {@code lib/}) plus the zip of every layer it lists, SharedLayer from the globals
 * included. Layers are split as layers/shared/pom.xml and the Makefile split them. No JVM is
 * started and no server is needed: it reads what {@code ./mvnw package} of this run wrote.
 */
final class SizesBench implements Suite {
  /** The goal: scanner-validate, the function on the door's critical path, deploys at most this. */
  static final long SCANNER_LIMIT_BYTES = 10L * 1024 * 1024;
  private static final Pattern FUNCTION_TARGET =
      Pattern.compile("(?m)^build-(\\w+):\\s*\\n\\t\\$\\(call build_function,([\\w-]+)\\)");
  private static final Pattern LAYER_TARGET =
      Pattern.compile("(?m)^build-(\\w+):\\s*\\n\\t\\$\\(call build_extra_layer,(\\w+)\\)");

  @Override
  public String title() {
    return "Deployed sizes";
  }

  @Override
  @SuppressWarnings("unchecked")
  public void run(BenchContext ctx, Report out) throws Exception {
    Path root = ctx.stack.root;
    Map<String, List<String>> layerJars = StartupBench.layerJars(root, StartupBench.layerClasspath(root));
    String makefile = Files.readString(root.resolve("Makefile"));
    Map<String, String> modules = new LinkedHashMap<>();
    for (Matcher m = FUNCTION_TARGET.matcher(makefile); m.find(); ) {
      modules.put(m.group(1), m.group(2));
    }
    Map<String, String> layerNames = new LinkedHashMap<>();
    layerNames.put("SharedLayer", "shared");
    for (Matcher m = LAYER_TARGET.matcher(makefile); m.find(); ) {
      layerNames.put(m.group(1), m.group(2));
    }
    Map<String, Object> resources = (Map<String, Object>) TemplateYaml.load(root.resolve("template.yaml"))
        .get("Resources");

    out.para("From `./mvnw package` of this run: each layer packed as SAM packs it (a zip with its jars under "
        + "`java/lib/`), each function as a zip with its jar under `lib/`. `deployed` is the function's zip plus "
        + "the zips of every layer it lists (SharedLayer for all, from the template's globals): what Lambda counts "
        + "against a function. MB are 2^20 bytes. Which jar sits in which layer is layers/shared/pom.xml's "
        + "`layer.*.artifacts`; a function lists an extra layer only when its pom declares one of that layer's "
        + "libraries (TemplateLayersTest).");
    out.line("| layer | jars | zip | largest jars |");
    out.line("|---|---|---|---|");
    Map<String, Long> layerZip = new LinkedHashMap<>();
    for (var e : layerJars.entrySet()) {
      long z = StartupBench.zipSize(e.getValue(), "java/lib/");
      layerZip.put(e.getKey(), z);
      List<Path> jars = new ArrayList<>(e.getValue().stream().map(Path::of).toList());
      jars.sort((a, b) -> Long.compare(size(b), size(a)));
      StringBuilder top = new StringBuilder();
      for (int i = 0; i < Math.min(4, jars.size()); i++) {
        top.append(i == 0 ? "" : ", ").append(jars.get(i).getFileName()).append(" (")
            .append(StartupBench.kb(size(jars.get(i)))).append(')');
      }
      out.line("| " + e.getKey() + " | " + e.getValue().size() + " | " + StartupBench.kb(z) + " | " + top + " |");
    }
    out.blank();
    out.line("| function | its jar | layers | deployed (function + layers) |");
    out.line("|---|---|---|---|");
    Map<String, Long> deployed = new TreeMap<>();
    for (var e : resources.entrySet()) {
      Map<String, Object> r = (Map<String, Object>) e.getValue();
      if (!"AWS::Serverless::Function".equals(r.get("Type")) || !modules.containsKey(e.getKey())) {
        continue;
      }
      String module = modules.get(e.getKey());
      Path jar = StartupBench.functionJar(root, module);
      List<String> layers = new ArrayList<>(List.of("shared"));
      Object own = ((Map<String, Object>) r.getOrDefault("Properties", Map.of())).get("Layers");
      if (own instanceof List<?> list) {
        for (Object l : list) {
          Object ref = l instanceof Map<?, ?> m ? m.get("Ref") : l;
          layers.add(layerNames.getOrDefault(String.valueOf(ref), String.valueOf(ref)));
        }
      }
      long total = StartupBench.zipSize(List.of(jar.toString()), "lib/");
      for (String l : layers) {
        total += layerZip.getOrDefault(l, 0L);
      }
      deployed.put(module, total);
      ctx.record("size." + module, total);
      out.line("| " + module + " | " + StartupBench.kb(size(jar)) + " | " + String.join(", ", layers) + " | "
          + StartupBench.kb(total) + " |");
    }
    out.blank();
    long scanner = deployed.getOrDefault("scanner-validate", -1L);
    boolean met = scanner >= 0 && scanner <= SCANNER_LIMIT_BYTES;
    out.para("scanner-validate deploys " + StartupBench.kb(scanner) + " against the goal of at most "
        + StartupBench.kb(SCANNER_LIMIT_BYTES) + ": " + (met ? "met." : "not met. It lists no extra layer, so what "
        + "it carries is the shared layer, and every jar left there is one the scanner loads (the AWS SDK core with "
        + "DynamoDB, and Secrets Manager for its signing keys; Jackson; the slf4j API, whose JSON back end is "
        + "part of the shared jar; the Lambda event classes)."));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
