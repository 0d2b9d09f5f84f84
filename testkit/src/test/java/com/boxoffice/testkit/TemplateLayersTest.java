package com.boxoffice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each function ships only what it loads: SharedLayer for all (from Globals), and exactly the extra
 * layers whose libraries the function's pom declares. The function's tests run on that pom's class
 * path, so a library a function would load without its layer fails those tests; this test ties the
 * pom to template.yaml, and the layers to the jars layers/shared/pom.xml puts in them.
 */
@Tag("fast")
class TemplateLayersTest {
  private static final Pattern FUNCTION_TARGET =
      Pattern.compile("(?m)^build-(\\w+):\\s*\\n\\t\\$\\(call build_function,([\\w-]+)\\)");
  private static final Pattern LAYER_TARGET =
      Pattern.compile("(?m)^build-(\\w+):\\s*\\n\\t\\$\\(call build_extra_layer,(\\w+)\\)");

  private final Path root = RepoRoot.find();
  private final Map<String, Object> template = TemplateYaml.load(root.resolve("template.yaml"));
  private final Map<String, Object> resources = map(template.get("Resources"));

  @Test
  void everyFunctionGetsTheSharedLayerFromGlobalsAndNothingElseFromThere() {
    Object globals = map(map(template.get("Globals")).get("Function")).get("Layers");
    assertThat(globals).isEqualTo(List.of(Map.of("Ref", "SharedLayer")));
    for (var f : functions().entrySet()) {
      assertThat(ownLayers(f.getValue())).as(f.getKey()).doesNotContain("SharedLayer");
    }
  }

  @Test
  void everyLayerIsBuiltByTheMakefileAndEveryOptionalLibraryBelongsToOneExtraLayer() throws Exception {
    Map<String, String> layerNames = extraLayerNames();
    Set<String> layerResources = new LinkedHashSet<>();
    resources.forEach((id, r) -> {
      if ("AWS::Serverless::LayerVersion".equals(map(r).get("Type"))) {
        layerResources.add(id);
      }
    });
    assertThat(layerResources).contains("SharedLayer");
    assertThat(layerNames.keySet()).as("extra layers in the Makefile")
        .containsExactlyInAnyOrderElementsOf(layerResources.stream().filter(l -> !l.equals("SharedLayer")).toList());
    Map<String, Set<String>> artifacts = layerArtifacts();
    List<String> optional = optionalDependenciesOfShared();
    assertThat(optional).isNotEmpty();
    for (String a : optional) {
      assertThat(artifacts.values().stream().filter(s -> s.contains(a)).count())
          .as("%s is optional in layers/shared and so must sit in exactly one extra layer", a).isEqualTo(1);
    }
    assertThat(artifacts.keySet()).containsExactlyInAnyOrderElementsOf(layerNames.values());
  }

  @Test
  void eachFunctionListsExactlyTheExtraLayersOfTheLibrariesItsPomDeclares() throws Exception {
    Map<String, String> modules = functionModules();
    Map<String, String> layerNames = extraLayerNames();
    Map<String, Set<String>> artifacts = layerArtifacts();
    assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(functions().keySet());
    for (var f : functions().entrySet()) {
      List<String> declared = runtimeDependencies(root.resolve("functions/" + modules.get(f.getKey()) + "/pom.xml"));
      Set<String> needed = new LinkedHashSet<>();
      layerNames.forEach((layer, name) -> {
        if (declared.stream().anyMatch(artifacts.get(name)::contains)) {
          needed.add(layer);
        }
      });
      assertThat(declared).as("%s declares only boxoffice-shared and extra-layer libraries", f.getKey())
          .allMatch(a -> a.equals("boxoffice-shared") || artifacts.values().stream().anyMatch(s -> s.contains(a)));
      assertThat(ownLayers(f.getValue())).as("%s's Layers after SharedLayer", f.getKey())
          .containsExactlyInAnyOrderElementsOf(needed);
    }
  }

  @Test
  void theDoorScannerCarriesNoExtraLayer() {
    assertThat(ownLayers(functions().get("ScannerValidateFunction"))).isEmpty();
  }

  private Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    resources.forEach((id, r) -> {
      if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
        out.put(id, map(r));
      }
    });
    return out;
  }

  private static List<String> ownLayers(Map<String, Object> function) {
    Object layers = map(function.get("Properties")).get("Layers");
    List<String> out = new ArrayList<>();
    if (layers instanceof List<?> list) {
      for (Object l : list) {
        out.add((String) map(l).get("Ref"));
      }
    }
    return out;
  }

  private Map<String, String> functionModules() throws IOException {
    return targets(FUNCTION_TARGET);
  }

  private Map<String, String> extraLayerNames() throws IOException {
    return targets(LAYER_TARGET);
  }

  private Map<String, String> targets(Pattern p) throws IOException {
    Matcher m = p.matcher(Files.readString(root.resolve("Makefile")));
    Map<String, String> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  /** layer name to the artifactIds of its jars, from layers/shared/pom.xml's layer.NAME.artifacts. */
  private Map<String, Set<String>> layerArtifacts() throws Exception {
    Element props = (Element) parse(root.resolve("layers/shared/pom.xml")).getElementsByTagName("properties").item(0);
    Map<String, Set<String>> out = new LinkedHashMap<>();
    NodeList children = props.getChildNodes();
    Pattern name = Pattern.compile("layer\\.(\\w+)\\.artifacts");
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e) {
        Matcher m = name.matcher(e.getTagName());
        if (m.matches()) {
          out.put(m.group(1), new LinkedHashSet<>(Arrays.asList(e.getTextContent().trim().split("\\s*,\\s*"))));
        }
      }
    }
    return out;
  }

  private List<String> optionalDependenciesOfShared() throws Exception {
    List<String> out = new ArrayList<>();
    for (Element d : dependencies(root.resolve("layers/shared/pom.xml"))) {
      if ("true".equals(text(d, "optional"))) {
        out.add(text(d, "artifactId"));
      }
    }
    return out;
  }

  /** The artifactIds a function's pom declares for its run time (compile or provided, not test). */
  private static List<String> runtimeDependencies(Path pom) throws Exception {
    List<String> out = new ArrayList<>();
    for (Element d : dependencies(pom)) {
      String scope = text(d, "scope");
      if (!"test".equals(scope)) {
        out.add(text(d, "artifactId"));
      }
    }
    return out;
  }

  private static List<Element> dependencies(Path pom) throws Exception {
    Element project = parse(pom).getDocumentElement();
    List<Element> out = new ArrayList<>();
    NodeList children = project.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals("dependencies")) {
        NodeList deps = e.getElementsByTagName("dependency");
        for (int j = 0; j < deps.getLength(); j++) {
          out.add((Element) deps.item(j));
        }
      }
    }
    return out;
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagName(tag);
    return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
  }

  private static org.w3c.dom.Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }
}
