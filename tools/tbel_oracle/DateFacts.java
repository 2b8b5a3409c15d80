// Writes, as JSON, the localized date text of the JVM ThingsBoard runs on (released ThingsBoard: Java 17, CLDR 39)
// that TbDate's toString/toLocale*String and its patterns print: for each locale, the localized date/time
// patterns (DateTimeFormatterBuilder.getLocalizedDateTimePattern for every FormatStyle pair), month, weekday,
// quarter, AM/PM and era names, and the long and short names of common time zones in standard and daylight time.
// Run it with the JDK ThingsBoard runs on; tools/tbel_oracle/datefacts.py (make tbel-date-facts) runs it and
// writes the compacted tbkit/converters/tbel/date_facts.json.
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class DateFacts {
    static final String[] LOCALES = {
        "und", "en", "en-US", "en-GB", "en-AU", "en-CA", "en-IN", "en-IE", "en-NZ", "en-ZA", "en-SG", "de", "de-DE",
        "de-AT", "de-CH", "fr", "fr-FR", "fr-CA", "fr-CH", "fr-BE", "es", "es-ES", "es-MX", "es-AR", "es-US", "it",
        "it-IT", "it-CH", "pt", "pt-BR", "pt-PT", "nl", "nl-NL", "nl-BE", "pl", "pl-PL", "uk", "uk-UA", "ru", "ru-RU",
        "ru-UA", "ja", "ja-JP", "ko", "ko-KR", "zh", "zh-CN", "zh-TW", "zh-HK", "ar", "ar-EG", "ar-SA", "ar-AE", "tr",
        "tr-TR", "sv", "sv-SE", "da", "da-DK", "fi", "fi-FI", "nb", "nb-NO", "no", "no-NO", "cs", "cs-CZ", "sk",
        "sk-SK", "hu", "hu-HU", "ro", "ro-RO", "bg", "bg-BG", "el", "el-GR", "he", "he-IL", "hi", "hi-IN", "th",
        "th-TH", "vi", "vi-VN", "id", "id-ID", "ms", "ms-MY", "lt", "lt-LT", "lv", "lv-LV", "et", "et-EE", "hr",
        "hr-HR", "sr", "sl", "sl-SI", "ca", "ca-ES", "be", "kk", "ka", "az", "fa", "ur", "bn", "sq", "mk", "is", "ga",
        "cy", "eu", "gl", "af", "sw", "fil", "ta", "te", "mr",
    };
    static final String[] ZONES = {
        "UTC", "GMT", "Etc/UTC", "Etc/GMT", "Z", "Europe/Kyiv", "Europe/Kiev", "Europe/London", "Europe/Dublin",
        "Europe/Lisbon", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam",
        "Europe/Brussels", "Europe/Vienna", "Europe/Zurich", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen",
        "Europe/Warsaw", "Europe/Prague", "Europe/Budapest", "Europe/Bucharest", "Europe/Sofia", "Europe/Athens",
        "Europe/Helsinki", "Europe/Riga", "Europe/Vilnius", "Europe/Tallinn", "Europe/Minsk", "Europe/Moscow",
        "Europe/Istanbul", "Europe/Chisinau", "America/New_York", "America/Chicago", "America/Denver",
        "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Toronto", "America/Vancouver",
        "America/Mexico_City", "America/Bogota", "America/Lima", "America/Santiago", "America/Caracas",
        "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Halifax", "America/St_Johns",
        "Pacific/Honolulu", "Pacific/Auckland", "Pacific/Fiji", "Asia/Kolkata", "Asia/Calcutta", "Asia/Tokyo",
        "Asia/Seoul", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Bangkok",
        "Asia/Jakarta", "Asia/Manila", "Asia/Dubai", "Asia/Karachi", "Asia/Tashkent", "Asia/Almaty",
        "Asia/Dhaka", "Asia/Kathmandu", "Asia/Tehran", "Asia/Jerusalem", "Asia/Riyadh", "Asia/Baghdad",
        "Asia/Yerevan", "Asia/Tbilisi", "Asia/Baku", "Asia/Ho_Chi_Minh", "Asia/Kuala_Lumpur",
        "Australia/Adelaide", "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth",
        "Australia/Darwin", "Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
        "Africa/Casablanca", "Atlantic/Reykjavik", "Atlantic/Azores", "Etc/GMT-14", "Etc/GMT+12", "Etc/GMT-3",
        "Etc/GMT+5",
    };
    static final FormatStyle[] STYLES = {FormatStyle.FULL, FormatStyle.LONG, FormatStyle.MEDIUM, FormatStyle.SHORT};
    // instants in northern winter and summer: a zone's standard and daylight names
    static final ZonedDateTime WINTER = ZonedDateTime.of(2023, 1, 15, 12, 0, 0, 0, ZoneId.of("UTC"));
    static final ZonedDateTime SUMMER = ZonedDateTime.of(2023, 7, 15, 12, 0, 0, 0, ZoneId.of("UTC"));

    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String list(List<String> items) {
        List<String> quoted = new ArrayList<>();
        for (String s : items) quoted.add(q(s));
        return "[" + String.join(", ", quoted) + "]";
    }

    static String fmt(String pattern, Locale loc, java.time.temporal.TemporalAccessor at) {
        return DateTimeFormatter.ofPattern(pattern, loc).format(at);
    }

    static Map<String, String> locale(Locale loc) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int d = -1; d < 4; d++) {
            for (int t = -1; t < 4; t++) {
                if (d < 0 && t < 0) continue;
                FormatStyle ds = d < 0 ? null : STYLES[d];
                FormatStyle ts = t < 0 ? null : STYLES[t];
                String key = (d < 0 ? "-" : "FLMS".substring(d, d + 1)) + (t < 0 ? "-" : "FLMS".substring(t, t + 1));
                out.put(key, q(DateTimeFormatterBuilder.getLocalizedDateTimePattern(ds, ts, IsoChronology.INSTANCE, loc)));
            }
        }
        for (String p : new String[] {"MMMM", "MMM", "MMMMM", "LLLL", "LLL"}) {
            List<String> names = new ArrayList<>();
            for (int m = 1; m <= 12; m++) names.add(fmt(p, loc, LocalDate.of(2021, m, 15)));
            out.put(p, list(names));
        }
        for (String p : new String[] {"EEEE", "EEE", "EEEEE", "cccc", "ccc"}) {
            List<String> names = new ArrayList<>();
            for (int w = 0; w < 7; w++) names.add(fmt(p, loc, LocalDate.of(2021, 1, 4 + w)));
            out.put(p, list(names));
        }
        for (String p : new String[] {"QQQ", "QQQQ", "qqq", "qqqq"}) {
            List<String> names = new ArrayList<>();
            for (int q = 0; q < 4; q++) names.add(fmt(p, loc, LocalDate.of(2021, 1 + 3 * q, 15)));
            out.put(p, list(names));
        }
        out.put("a", list(List.of(fmt("a", loc, WINTER.withHour(9)), fmt("a", loc, WINTER.withHour(15)))));
        LocalDate bc = LocalDate.of(-5, 1, 1);
        LocalDate ad = LocalDate.of(2021, 1, 1);
        out.put("G", list(List.of(fmt("G", loc, bc), fmt("G", loc, ad))));
        out.put("GGGG", list(List.of(fmt("GGGG", loc, bc), fmt("GGGG", loc, ad))));
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            ZonedDateTime w = WINTER.withZoneSameInstant(zone);
            ZonedDateTime s = SUMMER.withZoneSameInstant(zone);
            boolean wDst = zone.getRules().isDaylightSavings(w.toInstant());
            boolean sDst = zone.getRules().isDaylightSavings(s.toInstant());
            ZonedDateTime std = wDst ? s : w;
            ZonedDateTime dst = wDst ? w : (sDst ? s : null);
            List<String> names = new ArrayList<>(List.of(fmt("zzzz", loc, std), fmt("z", loc, std)));
            if (dst != null) names.addAll(List.of(fmt("zzzz", loc, dst), fmt("z", loc, dst)));
            out.put("z:" + id, list(names));
        }
        return out;
    }

    public static void main(String[] args) {
        StringBuilder b = new StringBuilder("{\n  \"java\": " + q(System.getProperty("java.version")) + ",\n");
        java.util.TreeSet<String> languages = new java.util.TreeSet<>();
        for (Locale l : Locale.getAvailableLocales()) if (!l.getLanguage().isEmpty()) languages.add(l.getLanguage());
        b.append("  \"languages\": ").append(list(new ArrayList<>(languages))).append(",\n");
        b.append("  \"zones\": ").append(list(List.of(ZONES))).append(",\n  \"locales\": {");
        boolean first = true;
        for (String tag : LOCALES) {
            // "und": a language Java has no data for (Locale.forLanguageTag("xx")), not Locale.ROOT
            Map<String, String> data = locale(Locale.forLanguageTag(tag.equals("und") ? "xx" : tag));
            b.append(first ? "\n" : ",\n").append("    ").append(q(tag)).append(": {");
            first = false;
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, String> f : data.entrySet()) fields.add(q(f.getKey()) + ": " + f.getValue());
            b.append(String.join(", ", fields)).append("}");
        }
        b.append("\n  }\n}\n");
        System.out.print(b);
    }
}
