package com.boxoffice.shared.adapter.template;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.email.EmailJobRejectedException;
import com.boxoffice.shared.domain.email.RenderedEmail;
import com.boxoffice.shared.domain.email.RenderedEmail.InlineImage;
import com.boxoffice.shared.port.out.EmailRenderer;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The mail templates (Handlebars: {@code subject.hbs}, {@code html.hbs}, {@code text.hbs} and a
 * {@code manifest.properties} per template under one classpath folder), checked when they load
 * and checked against every job before it renders, so no mail leaves with an empty or undefined
 * placeholder.
 *
 * <p>The manifest declares the variables a job must supply: {@code variables} lists the top-level
 * names, a {@code ?} suffix marks one that may be blank (the template must guard it with
 * {@code {{#if}}}), a {@code []} suffix marks a non-empty list whose items' fields are declared
 * under the list's own key (e.g. {@code tickets[]=code,fallbackCode}). {@code qr=tickets[].code}
 * renders that field of each item as a QR image carried inline, referred to from the item as
 * {@code qrCid}. A template that uses a name its manifest does not declare is refused at load; a
 * job that leaves a declared variable out, or blank, is refused with {@code missing_variables}.
 * {@code amount} is derived from {@code amountTotal} (minor units) and {@code currency}.
 *
 * <p>The domain sees only the {@link EmailRenderer} port; Handlebars stays inside this adapter.
 */
public final class HandlebarsEmailTemplates implements EmailRenderer {
  private static final Set<String> BUILT_IN = Set.of("this", "@index", "@first", "@last", "@key", ".");
  private static final Set<String> HELPERS = Set.of("if", "unless", "each", "with");
  private static final Set<String> DERIVED = Set.of("amount", "qrCid");

  /** Renders a code as PNG bytes. */
  public interface QrImages extends Function<String, byte[]> {}

  private record Field(String name, boolean optional) {}

  private record ListField(String name, List<Field> fields) {}

  private record Compiled(String name, Template subject, Template html, Template text, List<Field> scalars,
      List<ListField> lists, String qrList, String qrField) {}

  private final Map<String, Compiled> templates;
  private final QrImages qr;

  private HandlebarsEmailTemplates(Map<String, Compiled> templates, QrImages qr) {
    this.templates = Map.copyOf(templates);
    this.qr = qr;
  }

  /**
   * Loads and checks the named templates from {@code <folder>/<name>/} on the classpath.
   *
   * @throws TemplateException naming the template and the problem, when one does not load or
   *     uses an undeclared variable
   */
  public static HandlebarsEmailTemplates load(String folder, List<String> names, QrImages qr) {
    Map<String, Compiled> compiled = new LinkedHashMap<>();
    for (String name : names) {
      compiled.put(name, compile(folder, name));
    }
    return new HandlebarsEmailTemplates(compiled, qr);
  }

  public Set<String> names() {
    return templates.keySet();
  }

  /** Checks the job's variables against its template and renders it. */
  @Override
  public RenderedEmail render(EmailJob job) {
    Compiled t = templates.get(job.template());
    if (t == null) {
      throw new EmailJobRejectedException("unknown_template", "no template named " + job.template());
    }
    List<String> missing = new ArrayList<>();
    Map<String, Object> model = new LinkedHashMap<>();
    for (Field f : t.scalars()) {
      Object value = job.variables().get(f.name());
      if (!supplied(value, f.optional())) {
        missing.add(f.name());
      }
      model.put(f.name(), value == null ? "" : value);
    }
    List<InlineImage> images = new ArrayList<>();
    for (ListField list : t.lists()) {
      Object raw = job.variables().get(list.name());
      if (!(raw instanceof List<?> items) || items.isEmpty()) {
        missing.add(list.name() + "[]");
        continue;
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<?, ?> item = items.get(i) instanceof Map<?, ?> m ? m : Map.of();
        for (Field f : list.fields()) {
          Object value = item.get(f.name());
          if (!supplied(value, f.optional())) {
            missing.add(list.name() + "[" + i + "]." + f.name());
          }
          row.put(f.name(), value == null ? "" : value);
        }
        if (list.name().equals(t.qrList()) && supplied(row.get(t.qrField()), false)) {
          String cid = list.name() + "-" + (i + 1) + "@boxoffice";
          row.put("qrCid", cid);
          images.add(new InlineImage(cid, list.name() + "-" + (i + 1) + ".png", "image/png",
              qr.apply(row.get(t.qrField()).toString())));
        }
        rows.add(row);
      }
      model.put(list.name(), rows);
    }
    if (!missing.isEmpty()) {
      throw new EmailJobRejectedException("missing_variables", String.join(", ", missing));
    }
    if (model.containsKey("amountTotal") && model.containsKey("currency")) {
      model.put("amount", money(model.get("amountTotal"), model.get("currency").toString()));
    }
    try {
      String subject = t.subject().apply(model).replaceAll("[\\r\\n]+", " ").strip();
      return new RenderedEmail(subject, t.html().apply(model), t.text().apply(model), images);
    } catch (IOException | HandlebarsException e) {
      throw new EmailJobRejectedException("template_failed", job.template() + ": " + e.getMessage());
    }
  }

  private static boolean supplied(Object value, boolean optional) {
    if (optional) {
      return true;
    }
    return value != null && !(value instanceof CharSequence s && s.toString().isBlank());
  }

  private static String money(Object minorUnits, String currency) {
    try {
      Currency c = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
      long amount = minorUnits instanceof Number n ? n.longValue() : Long.parseLong(minorUnits.toString());
      int digits = Math.max(0, c.getDefaultFractionDigits());
      return c.getCurrencyCode() + " " + BigDecimal.valueOf(amount, digits).toPlainString();
    } catch (IllegalArgumentException e) {
      throw new EmailJobRejectedException("missing_variables", "amountTotal/currency do not make an amount");
    }
  }

  private static Compiled compile(String folder, String name) {
    String base = "/" + folder + "/" + name;
    Properties manifest = new Properties();
    try (InputStream in = HandlebarsEmailTemplates.class.getResourceAsStream(base + "/manifest.properties")) {
      if (in == null) {
        throw new TemplateException(name, "has no manifest.properties under " + base);
      }
      manifest.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Field> scalars = new ArrayList<>();
    List<ListField> lists = new ArrayList<>();
    Set<String> declared = new HashSet<>(DERIVED);
    for (String entry : split(manifest.getProperty("variables", ""))) {
      if (entry.endsWith("[]")) {
        String list = entry.substring(0, entry.length() - 2);
        List<Field> fields = new ArrayList<>();
        for (String f : split(manifest.getProperty(entry, ""))) {
          fields.add(field(f));
          declared.add(field(f).name());
        }
        if (fields.isEmpty()) {
          throw new TemplateException(name, "declares list " + list + " without fields (" + entry + "=...)");
        }
        lists.add(new ListField(list, fields));
        declared.add(list);
      } else {
        scalars.add(field(entry));
        declared.add(field(entry).name());
      }
    }
    String qrList = null;
    String qrField = null;
    String qrSpec = manifest.getProperty("qr", "").trim();
    if (!qrSpec.isEmpty()) {
      int dot = qrSpec.indexOf("[].");
      qrList = dot < 0 ? null : qrSpec.substring(0, dot);
      qrField = dot < 0 ? null : qrSpec.substring(dot + 3);
      String list = qrList;
      String fieldName = qrField;
      boolean known = lists.stream().anyMatch(l -> l.name().equals(list)
          && l.fields().stream().anyMatch(f -> f.name().equals(fieldName)));
      if (!known) {
        throw new TemplateException(name, "qr=" + qrSpec + " names no declared list field");
      }
    }
    ClassPathTemplateLoader loader = new ClassPathTemplateLoader(base, ".hbs");
    Handlebars markup = strict(new Handlebars(loader));
    Handlebars plain = strict(new Handlebars(loader).with(EscapingStrategy.NOOP));
    Template subject = template(plain, name, "subject");
    Template html = template(markup, name, "html");
    Template text = template(plain, name, "text");
    Set<String> undeclared = new LinkedHashSet<>();
    for (Template t : List.of(subject, html, text)) {
      for (String used : used(t)) {
        if (!declared.contains(used) && !BUILT_IN.contains(used)) {
          undeclared.add(used);
        }
      }
    }
    if (!undeclared.isEmpty()) {
      throw new TemplateException(name, "uses variables its manifest does not declare: " + String.join(", ", undeclared));
    }
    return new Compiled(name, subject, html, text, scalars, lists, qrList, qrField);
  }

  private static Handlebars strict(Handlebars handlebars) {
    // A helper call the template makes that nobody registered is an error, never an empty string.
    return handlebars.registerHelperMissing((context, options) -> {
      throw new IllegalStateException("unknown helper or variable " + options.helperName);
    });
  }

  private static Set<String> used(Template t) {
    Set<String> names = new LinkedHashSet<>();
    List<String> raw = new ArrayList<>(t.collect(TagType.VAR, TagType.TRIPLE_VAR, TagType.SECTION));
    raw.addAll(t.collectReferenceParameters());
    for (String r : raw) {
      String n = r.trim();
      while (n.startsWith("../")) {
        n = n.substring(3);
      }
      if (n.startsWith("this.")) {
        n = n.substring(5);
      }
      int dot = n.indexOf('.');
      if (dot > 0) {
        n = n.substring(0, dot);
      }
      if (!n.isEmpty() && !HELPERS.contains(n)) {
        names.add(n);
      }
    }
    return names;
  }

  private static Template template(Handlebars handlebars, String name, String part) {
    try {
      return handlebars.compile(part);
    } catch (IOException | HandlebarsException e) {
      throw new TemplateException(name, part + ".hbs does not load: " + e.getMessage());
    }
  }

  private static Field field(String spec) {
    boolean optional = spec.endsWith("?");
    return new Field(optional ? spec.substring(0, spec.length() - 1) : spec, optional);
  }

  private static List<String> split(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** A template that cannot be used: it is refused when the function starts, not when mail is due. */
  public static final class TemplateException extends RuntimeException {
    public TemplateException(String template, String problem) {
      super("email template " + template + " " + problem);
    }
  }
}
