using System.Globalization;
using System.Text;
using System.Xml;

namespace GoMirror.Core.Reports;

/// <summary>
/// <c>gomirror-junit.xml</c>: one <c>testsuite</c> per Go component and one <c>testcase</c> per module
/// verification, in the common JUnit XML shape GitLab (<c>artifacts:reports:junit</c>) and GitHub test
/// reporters read. A hash mismatch is a <c>failure</c>; an unchecked module or one without a hash is
/// <c>skipped</c> with the reason; a verified module passes. Durations are 0: per-module times are not
/// measured, and a fixed value keeps the file reproducible.
/// </summary>
internal static class JUnitReportWriter
{
    /// <summary>The file name of the JUnit report.</summary>
    public const string FileName = "gomirror-junit.xml";

    /// <summary>Writes the JUnit XML.</summary>
    /// <param name="report">The report.</param>
    /// <param name="timestamp">The suites' <c>timestamp</c>; pass SOURCE_DATE_EPOCH's time or nothing (the
    /// attribute is left out then, so the file stays reproducible).</param>
    public static string Write(ReproducibilityReport report, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var settings = new XmlWriterSettings
        {
            Encoding = JsonText.Utf8NoBom,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var modules = report.AllModules.ToList();
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "GoMirror module verification");
            Counts(xml, modules);
            xml.WriteAttributeString("time", "0");
            foreach (var component in report.Reproducible.Components)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Safe(component.GoMod));
                Counts(xml, component.Modules);
                xml.WriteAttributeString("time", "0");
                if (timestamp is { } time)
                {
                    xml.WriteAttributeString("timestamp", SourceDateEpoch.Format(time));
                }

                xml.WriteStartElement("properties");
                Property(xml, "fingerprint", report.Fingerprint);
                Property(xml, "goVersion", report.Reproducible.GoVersion ?? "unknown");
                xml.WriteEndElement();
                foreach (var module in component.Modules)
                {
                    TestCase(xml, component.GoMod, module);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return JsonText.Utf8NoBom.GetString(buffer.ToArray()) + "\n";
    }

    private static void TestCase(XmlWriter xml, string goMod, ReportModule module)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Safe(module.Path + "@" + module.Version));
        xml.WriteAttributeString("classname", Safe(goMod));
        xml.WriteAttributeString("file", Safe(goMod));
        xml.WriteAttributeString("time", "0");
        var detail = module.VerificationDetail is null ? string.Empty : " (" + module.VerificationDetail + ")";
        switch (module.Verification)
        {
            case ModuleVerification.Mismatch:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Safe("checksum mismatch" + detail));
                xml.WriteAttributeString("type", "checksum-mismatch");
                xml.WriteString(Safe($"{module.Path}@{module.Version}: the downloaded hash {module.Sum ?? "(none)"} does not match the recorded one{detail}. Served by {module.Proxy ?? "an unknown proxy"}. Do not trust these bytes: remove that proxy or restore go.sum from version control."));
                xml.WriteEndElement();
                break;
            case ModuleVerification.NotVerified:
                Skipped(xml, "not verified" + detail);
                break;
            case ModuleVerification.NotApplicable:
                Skipped(xml, "no digest: " + (module.NoDigestReason ?? "no hash recorded") + detail);
                break;
            default:
                break;
        }

        var output = new StringBuilder();
        output.Append("verification: ").Append(ReportJson.VerificationName(module.Verification)).Append(detail).Append('\n');
        output.Append("sum: ").Append(module.Sum ?? "none, " + (module.NoDigestReason ?? "no hash recorded")).Append('\n');
        output.Append("goModSum: ").Append(module.GoModSum ?? "none").Append('\n');
        output.Append("proxy: ").Append(module.Proxy ?? "unknown").Append('\n');
        xml.WriteElementString("system-out", Safe(output.ToString()));
        xml.WriteEndElement();
    }

    private static void Skipped(XmlWriter xml, string message)
    {
        xml.WriteStartElement("skipped");
        xml.WriteAttributeString("message", Safe(message));
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Safe(value));
        xml.WriteEndElement();
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<ReportModule> modules)
    {
        xml.WriteAttributeString("tests", modules.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", modules.Count(m => m.Verification == ModuleVerification.Mismatch).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", modules.Count(m => m.Verification is ModuleVerification.NotVerified or ModuleVerification.NotApplicable).ToString(CultureInfo.InvariantCulture));
    }

    // XML 1.0 cannot carry most control characters at all; a report must still be written.
    private static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '?');
            }
        }

        return builder.ToString();
    }
}
