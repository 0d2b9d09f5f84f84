package com.boxoffice.testkit.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM statements {@code template.yaml} gives one function, read from its {@code Policies}, with
 * every resource reduced to the logical id it points at ({@code BoxofficeTable},
 * {@code BoxofficeTable/index/gsi1}, {@code QrSigningKeysSecret},
 * {@code ses:configuration-set/EmailConfigurationSet}, {@code ses:identity/*}), and the check of
 * those statements against what the function was recorded doing: every action it used is granted
 * on the resource it used it on (within any {@code dynamodb:LeadingKeys} condition), and every
 * action, resource and key pattern granted was used. SAM policy templates and managed policies
 * are refused: their actions are not written in the template, so they cannot be held to the code.
 */
public final class FunctionPolicy {
  private static final String LEADING_KEYS = "dynamodb:LeadingKeys";
  private static final Pattern ARN_ATTRIBUTE = Pattern.compile("\\$\\{(\\w+)\\.Arn}(.*)");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(\\w+)}");

  /** One Allow statement; {@code leadingKeys} is empty when it has no LeadingKeys condition. */
  public record Statement(List<String> actions, List<String> resources, List<String> leadingKeys) {
    boolean allows(String action, String resource) {
      return actions.stream().anyMatch(a -> glob(a, action)) && resources.stream().anyMatch(r -> glob(r, resource));
    }

    boolean allowsKey(String family) {
      return leadingKeys.isEmpty() || (family != null && leadingKeys.contains(family + "*"));
    }
  }

  private final String function;
  private final List<Statement> statements;

  private FunctionPolicy(String function, List<Statement> statements) {
    this.function = function;
    this.statements = List.copyOf(statements);
  }

  /** Reads the {@code Policies} of the function {@code logicalId} from a parsed template. */
  public static FunctionPolicy of(Map<String, Object> template, String logicalId) {
    Map<String, Object> resources = map(template.get("Resources"), "Resources");
    Map<String, Object> function = map(resources.get(logicalId), logicalId);
    Map<String, Object> props = map(function.get("Properties"), logicalId + ".Properties");
    List<Statement> statements = new ArrayList<>();
    for (Object policy : list(props.getOrDefault("Policies", List.of()), logicalId + ".Policies")) {
      if (!(policy instanceof Map<?, ?> p) || !p.containsKey("Statement") || p.size() != 1) {
        throw new IllegalStateException(logicalId + ": policy " + policy + " is a managed policy or SAM policy"
            + " template; write its actions as explicit statements so they can be checked against the code");
      }
      for (Object s : list(p.get("Statement"), logicalId + ".Statement")) {
        Map<String, Object> st = map(s, logicalId + ".Statement");
        if (!"Allow".equals(st.get("Effect"))) {
          throw new IllegalStateException(logicalId + ": only Allow statements are understood: " + st);
        }
        List<String> actions = strings(st.get("Action"));
        List<String> res = new ArrayList<>();
        for (Object r : st.get("Resource") instanceof List<?> l ? l : List.of(st.get("Resource"))) {
          res.add(resource(r));
        }
        statements.add(new Statement(actions, res, leadingKeys(st.get("Condition"))));
      }
    }
    return new FunctionPolicy(logicalId, statements);
  }

  public List<Statement> statements() {
    return statements;
  }

  /** The resources on which the function is granted {@code action}. */
  public Set<String> resourcesFor(String action) {
    Set<String> out = new LinkedHashSet<>();
    statements.stream().filter(s -> s.actions().stream().anyMatch(a -> glob(a, action)))
        .forEach(s -> out.addAll(s.resources()));
    return out;
  }

  /**
   * What is wrong with the policy given the calls the function made: each line is an action used
   * but not granted, or granted but never used. Empty when the policy fits the code exactly.
   */
  public List<String> problems(Collection<AwsCall> calls, TemplateNames names) {
    List<String> problems = new ArrayList<>();
    record Use(String action, String resource, String family) {}
    Set<Use> uses = new LinkedHashSet<>();
    for (AwsCall call : calls) {
      String resource = names.resolve(call);
      if (resource == null) {
        problems.add(function + ": " + call + " is on a resource template.yaml does not declare");
        continue;
      }
      for (String action : IamActions.actionsFor(call)) {
        uses.add(new Use(action, resource, call.service().equals("dynamodb") ? call.keyFamily() : null));
      }
    }
    for (Use use : uses) {
      boolean granted = statements.stream().anyMatch(s -> s.allows(use.action(), use.resource())
          && s.allowsKey(use.family()));
      if (!granted) {
        problems.add(function + ": uses " + use.action() + " on " + use.resource()
            + (use.family() == null ? "" : " (key " + use.family() + "*)") + " but is not granted it");
      }
    }
    for (Statement s : statements) {
      for (String action : s.actions()) {
        for (String resource : s.resources()) {
          if (uses.stream().noneMatch(u -> glob(action, u.action()) && glob(resource, u.resource()))) {
            problems.add(function + ": is granted " + action + " on " + resource + " but never uses it");
          }
        }
      }
      for (String pattern : s.leadingKeys()) {
        if (uses.stream().noneMatch(u -> s.allows(u.action(), u.resource()) && pattern.equals(u.family() + "*"))) {
          problems.add(function + ": LeadingKeys " + pattern + " on " + s.resources() + " is never used");
        }
      }
    }
    return problems;
  }

  static String resource(Object r) {
    if (r instanceof String s) {
      return s;
    }
    Map<String, Object> m = map(r, "Resource");
    if (m.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2 && "Arn".equals(l.get(1))) {
      return (String) l.get(0);
    }
    if (m.get("Ref") instanceof String ref) {
      return ref;
    }
    if (m.get("Fn::Sub") instanceof String sub) {
      Matcher attribute = ARN_ATTRIBUTE.matcher(sub);
      if (attribute.matches()) {
        return attribute.group(1) + attribute.group(2);
      }
      String arn = sub.replace("${AWS::Partition}", "aws").replace("${AWS::Region}", "region")
          .replace("${AWS::AccountId}", "account");
      String[] parts = arn.split(":", 6);
      if (parts.length == 6 && parts[0].equals("arn")) {
        // arn:aws:<service>:<region>:<account>:<resource>, e.g. ses:identity/*
        return parts[2] + ":" + REFERENCE.matcher(parts[5]).replaceAll("$1");
      }
    }
    throw new IllegalStateException("template.yaml: cannot tell which resource " + r + " is");
  }

  private static List<String> leadingKeys(Object condition) {
    if (condition == null) {
      return List.of();
    }
    for (Object operator : map(condition, "Condition").values()) {
      Object keys = map(operator, "Condition").get(LEADING_KEYS);
      if (keys != null) {
        return strings(keys);
      }
    }
    return List.of();
  }

  static boolean glob(String pattern, String value) {
    if (!pattern.contains("*")) {
      return pattern.equals(value);
    }
    String regex = String.join(".*", java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).toList());
    return value.matches(regex);
  }

  private static List<String> strings(Object o) {
    if (o instanceof String s) {
      return List.of(s);
    }
    return list(o, "list of strings").stream().map(String.class::cast).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String where) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("template.yaml: expected a mapping at " + where + ", found " + o);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o, String where) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IllegalStateException("template.yaml: expected a list at " + where + ", found " + o);
  }
}
