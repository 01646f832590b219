package io.statuskit.page;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.1 AA contrast of the built-in style sheet, computed from its custom properties in both
 * themes (the light {@code :root} and the {@code prefers-color-scheme: dark} one): every colour a
 * rule uses for text at least 4.5:1 on every surface text sits on (or on the background its own
 * rule gives it), every status fill (dots, uptime bars) at least 3:1 on the paper (WCAG 1.4.11).
 */
class StyleContrastTest {
  private static final Pattern PROPERTY = Pattern.compile("(--[a-z0-9-]+)\\s*:\\s*(#[0-9a-fA-F]{6})\\s*;");
  private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
  private static final Pattern DECLARATION = Pattern.compile("(?<![-a-z])(color|background|background-color|fill)\\s*:\\s*var\\((--[a-z0-9-]+)\\)");

  /** The surfaces text is shown on: panels, the page, chips and badges, hovered rows, addenda, internal notes. */
  private static final ImmutableSet<String> SURFACES = ImmutableSet.of("--paper", "--page", "--chip", "--hover", "--addendum", "--note");

  /** Text colours made for one background only: the masthead's and the banners'. */
  private static final ImmutableMap<String, ImmutableSet<String>> ON =
      ImmutableMap.of(
          "--on-brand", ImmutableSet.of("--brand"),
          "--on-masthead", ImmutableSet.of("--masthead"),
          "--on-status", ImmutableSet.of("--ok-text", "--maint-text", "--partial-text", "--major-text"),
          "--on-minor", ImmutableSet.of("--minor-banner"));

  private static final ImmutableSet<String> FILLS = ImmutableSet.of("--ok", "--maint", "--minor", "--partial", "--major", "--unknown");

  @Test
  void everyTextColourMeetsAaOnEverySurfaceInBothThemes() throws IOException {
    String css = css();
    Map<String, Map<String, String>> themes = themes(css);
    Rules rules = rules(css);
    assertThat(rules.text).contains("--ink", "--muted", "--brand", "--ok-text", "--major-text", "--on-status");
    // A new surface must be added to SURFACES (and so be checked), not slip past this test.
    assertThat(rules.surfaces).isSubsetOf(SURFACES);

    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> theme : themes.entrySet()) {
      Map<String, String> colours = theme.getValue();
      for (String text : rules.text) {
        Set<String> backgrounds = new LinkedHashSet<>(ON.getOrDefault(text, SURFACES));
        backgrounds.addAll(rules.own.getOrDefault(text, Set.of()));
        for (String background : backgrounds) {
          double ratio = ratio(colour(colours, text), colour(colours, background));
          if (ratio < 4.5) {
            failures.add(String.format(Locale.ROOT, "%s: %s on %s is %.2f:1", theme.getKey(), text, background, ratio));
          }
        }
      }
      for (String fill : FILLS) {
        double ratio = ratio(colour(colours, fill), colour(colours, "--paper"));
        if (ratio < 3) {
          failures.add(String.format(Locale.ROOT, "%s: fill %s on --paper is %.2f:1", theme.getKey(), fill, ratio));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void theRatioIsWcagsAndCatchesTheOldBanner() {
    assertThat(ratio("#000000", "#ffffff")).isEqualTo(21.0);
    assertThat(ratio("#ffffff", "#ffffff")).isEqualTo(1.0);
    // The figure: white on the old green banner, 3.45:1, below AA.
    assertThat(ratio("#ffffff", "#2f9e44")).isBetween(3.44, 3.46);
  }

  @Test
  void theDarkThemeChangesEveryColourOfTheLightOne() throws IOException {
    Map<String, Map<String, String>> themes = themes(css());
    Map<String, String> light = requireNonNull(themes.get("light"));
    Map<String, String> dark = requireNonNull(themes.get("dark"));
    // Same names in both: a colour only the light theme sets would show light in the dark one.
    assertThat(dark.keySet()).containsAll(light.keySet());
  }

  private static String css() throws IOException {
    try (InputStream in = StatusSite.class.getResourceAsStream("/io/statuskit/page/site/style.css")) {
      assertThat(in).as("style.css").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
    }
  }

  /** The light theme ({@code :root}) and the dark one (the light one overlaid with the media block's). */
  private static Map<String, Map<String, String>> themes(String css) {
    int media = css.indexOf("@media (prefers-color-scheme: dark)");
    assertThat(media).as("a prefers-color-scheme: dark block").isNotNegative();
    String darkBlock = css.substring(media, css.indexOf("}", css.indexOf(":root", media)));
    int root = css.indexOf(":root");
    String lightBlock = css.substring(root, css.indexOf("}", root));
    Map<String, String> light = properties(lightBlock);
    Map<String, String> dark = new LinkedHashMap<>(light);
    Map<String, String> darkOnly = properties(darkBlock);
    assertThat(darkOnly).isNotEmpty();
    dark.putAll(darkOnly);
    Map<String, Map<String, String>> themes = new LinkedHashMap<>();
    themes.put("light", light);
    themes.put("dark", dark);
    return themes;
  }

  private static Map<String, String> properties(String block) {
    Map<String, String> properties = new LinkedHashMap<>();
    Matcher matcher = PROPERTY.matcher(block);
    while (matcher.find()) {
      properties.put(matcher.group(1), matcher.group(2).toLowerCase(Locale.ROOT));
    }
    return properties;
  }

  /** What the rules use: text colours, surfaces (backgrounds of rules that set no text colour), and backgrounds given with a colour. */
  private record Rules(Set<String> text, Set<String> surfaces, Map<String, Set<String>> own) {}

  private static Rules rules(String css) {
    int media = css.indexOf("@media (prefers-color-scheme: dark)");
    int end = css.indexOf("}", css.indexOf("}", css.indexOf(":root", media)) + 1);
    String body = css.substring(0, media) + css.substring(end + 1);
    Set<String> text = new LinkedHashSet<>();
    Set<String> surfaces = new LinkedHashSet<>();
    Map<String, Set<String>> own = new LinkedHashMap<>();
    Matcher rule = RULE.matcher(body);
    while (rule.find()) {
      String selector = rule.group(1).strip();
      if (selector.endsWith(":root")) {
        continue;
      }
      String colour = null;
      String background = null;
      Matcher declaration = DECLARATION.matcher(rule.group(2));
      while (declaration.find()) {
        switch (declaration.group(1)) {
          case "color" -> colour = declaration.group(2);
          case "fill" -> { }
          default -> background = declaration.group(2);
        }
      }
      if (colour != null) {
        text.add(colour);
        if (background != null) {
          own.computeIfAbsent(colour, c -> new LinkedHashSet<>()).add(background);
        }
      } else if (background != null && !selector.contains(".dot") && !selector.contains("::before")
          && !selector.startsWith(".indicator-") && !selector.equals(".masthead")) {
        surfaces.add(background);
      }
    }
    return new Rules(text, surfaces, own);
  }

  private static String colour(Map<String, String> colours, String name) {
    String value = colours.get(name);
    assertThat(value).as("custom property %s", name).isNotNull();
    return requireNonNull(value);
  }

  /** WCAG 2.1 contrast ratio of two sRGB colours {@code #rrggbb}. */
  static double ratio(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    double[] rgb = new double[3];
    for (int i = 0; i < 3; i++) {
      double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }
}
