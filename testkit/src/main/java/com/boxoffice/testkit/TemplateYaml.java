package com.boxoffice.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses a CloudFormation/SAM template. Short-form intrinsic functions ({@code !Sub},
 * {@code !GetAtt}, ...) become single-entry maps in their long form, e.g.
 * {@code {"Fn::Sub": "..."}} or {@code {"Ref": "Name"}}, exactly as CloudFormation reads them.
 */
public final class TemplateYaml {
  private TemplateYaml() {}

  public static Map<String, Object> load(Path template) {
    try (Reader reader = Files.newBufferedReader(template)) {
      return parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + template, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(Reader reader) {
    Object root = new Yaml(new CloudFormationConstructor(new LoaderOptions())).load(reader);
    if (root instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("template.yaml: the document is not a mapping");
  }

  /** Turns {@code !Name value} into {@code {"Fn::Name": value}} ({@code !Ref} into {@code {"Ref": value}}). */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      for (String fn : List.of("Ref", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Not", "Equals",
          "And", "Or", "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "Condition", "Transform")) {
        this.yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String fn) {
        this.key = switch (fn) {
          case "Ref", "Condition" -> fn;
          default -> "Fn::" + fn;
        };
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = scalar.getValue();
          value = key.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode seq) {
          value = constructSequence(seq);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return Map.of(key, value);
      }
    }
  }
}
