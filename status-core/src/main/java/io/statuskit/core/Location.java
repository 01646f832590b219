package io.statuskit.core;

import io.statuskit.core.internal.Checks;
import java.util.Locale;
import java.util.Set;

/**
 * Where a server stands: a city and a country, the country as an ISO 3166-1 alpha-2 code with a
 * display name ({@code "GB"}, {@code "United Kingdom"}). Immutable and thread-safe.
 *
 * @param city the city, such as {@code "London"}
 * @param countryCode an upper case ISO 3166-1 alpha-2 code, such as {@code "GB"}
 * @param countryName the country's display name, such as {@code "United Kingdom"}
 */
public record Location(String city, String countryCode, String countryName) {
  private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

  /** Validates the parts. */
  public Location {
    Checks.line("location.city", city);
    Checks.line("location.countryName", countryName);
    java.util.Objects.requireNonNull(countryCode, "location.countryCode");
    if (!COUNTRIES.contains(countryCode)) {
      throw new IllegalArgumentException(
          "location.countryCode must be an upper case ISO 3166-1 alpha-2 code: "
              + Checks.show(countryCode));
    }
  }

  /** A location whose country name is the English display name of the code. */
  public static Location of(String city, String countryCode) {
    java.util.Objects.requireNonNull(countryCode, "location.countryCode");
    String name = new Locale("", countryCode).getDisplayCountry(Locale.ENGLISH);
    return new Location(city, countryCode, name.isBlank() ? countryCode : name);
  }

  /** A location with an explicit country name, such as "United States of America". */
  public static Location of(String city, String countryCode, String countryName) {
    return new Location(city, countryCode, countryName);
  }

  /** "City, Country", as the seed's glance table shows it. */
  @Override
  public String toString() {
    return city + ", " + countryName;
  }
}
