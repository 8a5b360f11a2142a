using System.Text.RegularExpressions;
using Honeydipper.Core.Templates;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;
using static Honeydipper.Core.Tests.Templates.TemplateRunner;

namespace Honeydipper.Core.Tests.Templates;

/// <summary>
/// Functions the differential table does not reach (aliases, must-forms, random and crypto functions), and a check that
/// every function of Honeydipper's map is exercised by some test.
/// </summary>
public partial class FunctionTests
{
    /// <summary>Template, and the pattern its output must match in full (random functions cannot have one exact output).</summary>
    public static readonly TheoryData<string, string> Cases = new()
    {
        { "{{ tuple 1 2 }}", @"\[1 2\]" },
        { "{{ push (list 1) 2 }} {{ mustPush (list 1) 2 }} {{ mustAppend (list) 1 }}", @"\[1 2\] \[1 2\] \[1\]" },
        { "{{ mustPrepend (list 1) 0 }} {{ mustFirst (list 1 2) }} {{ mustLast (list 1 2) }}", @"\[0 1\] 1 2" },
        { "{{ mustRest (list 1 2) }} {{ mustInitial (list 1 2) }} {{ mustReverse (list 1 2) }}", @"\[2\] \[1\] \[2 1\]" },
        { "{{ mustUniq (list 1 1) }} {{ mustWithout (list 1 2) 1 }} {{ mustHas 1 (list 1) }}", @"\[1\] \[2\] true" },
        { "{{ mustSlice (list 1 2 3) 1 }} {{ mustChunk 1 (list 1 2) }} {{ mustCompact (list 0 1) }}", @"\[2 3\] \[\[1\] \[2\]\] \[1\]" },
        { "{{ mustMerge (dict \"a\" 1) (dict \"b\" 2) }} {{ mustMergeOverwrite (dict \"a\" 1) (dict \"a\" 2) }}", @"map\[a:1 b:2\] map\[a:2\]" },
        { "{{ mustDeepCopy (list 1) }} {{ mustToJson (list 1) }} {{ mustToRawJson (dict \"a\" \"<\") }}", @"\[1\] \[1\] \{""a"":""<""\}" },
        { "{{ mustToPrettyJson (list) }} {{ mustRegexMatch \"^a\" \"ab\" }} {{ mustRegexFind \"b+\" \"abb\" }}", @"\[\] true bb" },
        { "{{ mustRegexFindAll \"b\" \"abb\" -1 }} {{ mustRegexReplaceAll \"b\" \"ab\" \"c\" }}", @"\[b b\] ac" },
        { "{{ mustRegexReplaceAllLiteral \"b\" \"ab\" \"$0\" }} {{ mustRegexSplit \",\" \"a,b\" -1 }}", @"a\$0 \[a b\]" },
        { "{{ trimall \"-\" \"-a-\" }} {{ b32dec (b32enc \"xy\") }} {{ osBase \"/a/b\" }} {{ osDir \"/a/b\" }}", @"a xy b /a" },
        { "{{ osExt \"a.go\" }} {{ osClean \"/a/../b\" }} {{ osIsAbs \"a\" }}", @"\.go /b false" },
        { "{{ htmlDate 0 }} {{ htmlDateInZone 0 \"UTC\" }} {{ date_in_zone \"2006\" 0 \"UTC\" }}", @"1970-01-01 1970-01-01 1970" },
        { "{{ now | mustDateModify \"1h\" | ISO8601 }} {{ now | must_date_modify \"-1m\" | ISO8601 }}", @"2024-03-05T15:07:09Z 2024-03-05T14:06:09Z" },
        { "{{ mustToDate \"2006-01-02\" \"2001-02-03\" | ISO8601 }}", @"2001-02-03T00:00:00Z" },
        { "{{ uuidv4 }}", @"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}" },
        { "{{ randAlphaNum 8 }} {{ randAlpha 5 }} {{ randNumeric 4 }} {{ randAscii 3 }}", @"[A-Za-z0-9]{8} [A-Za-z]{5} [0-9]{4} [ -~]{3}" },
        { "{{ randBytes 6 | len }} {{ randInt 3 4 }} {{ shuffle \"aab\" | len }}", @"8 3 3" },
        { "{{ $k := \"secret\" }}{{ encryptAES $k \"hello\" | decryptAES $k }} {{ encryptAES \"k\" \"\" }}", @"hello " },
        { "{{ genPrivateKey \"ecdsa\" }}", @"-----BEGIN EC PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END EC PRIVATE KEY-----\n" },
        { "{{ genPrivateKey \"nope\" }}", @"Unknown type nope" },
        { "{{ mustFromJson \"[1]\" }} {{ call }}", @"never" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Function_outputs(string template, string pattern)
    {
        if (pattern == "never")
        {
            Assert.Throws<TemplateException>(() => Run(template));
            return;
        }

        Assert.Matches(new Regex("^(?:" + pattern + ")$", RegexOptions.Singleline), Run(template));
    }

    [Theory]
    [InlineData("{{ bcrypt \"x\" }}", "bcrypt is not in .NET's class library")]
    [InlineData("{{ htpasswd \"u\" \"p\" }}", "htpasswd needs bcrypt")]
    [InlineData("{{ derivePassword 1 \"long\" \"p\" \"u\" \"s\" }}", "derivePassword needs scrypt")]
    [InlineData("{{ genCA \"ca\" 365 }}", "certificate functions are not supported")]
    [InlineData("{{ genCAWithKey \"ca\" 365 \"k\" }}", "certificate functions are not supported")]
    [InlineData("{{ genSelfSignedCert \"cn\" nil nil 365 }}", "certificate functions are not supported")]
    [InlineData("{{ genSelfSignedCertWithKey \"cn\" nil nil 365 \"k\" }}", "certificate functions are not supported")]
    [InlineData("{{ genSignedCert \"cn\" nil nil 365 nil }}", "certificate functions are not supported")]
    [InlineData("{{ genSignedCertWithKey \"cn\" nil nil 365 nil \"k\" }}", "certificate functions are not supported")]
    [InlineData("{{ buildCustomCert \"a\" \"b\" }}", "certificate functions are not supported")]
    [InlineData("{{ genPrivateKey \"ed25519\" }}", "ed25519 keys are not supported here")]
    [InlineData("{{ call .f }}", "error calling call: call of nil")]
    public void Unsupported_functions_fail_clearly(string template, string message) =>
        Assert.Contains(message, Fails(template).Message, StringComparison.Ordinal);

    [GeneratedRegex(@"\b([a-zA-Z_][a-zA-Z0-9_]*)\b")]
    private static partial Regex Words();

    [Fact]
    public void Every_function_is_exercised_by_a_test()
    {
        HashSet<string> used = new(StringComparer.Ordinal);
        string folder = Path.Combine(AppContext.BaseDirectory, "Templates", "Differential");
        foreach (string file in Directory.GetFiles(folder, "*.yaml"))
        {
            foreach (IDictionary<string, object?> c in ((IList<object?>)GoYaml.Parse(File.ReadAllText(file))!).Cast<IDictionary<string, object?>>())
            {
                used.UnionWith(Words().Matches((string)c["template"]!).Select(m => m.Value));
            }
        }

        foreach (object?[] row in Cases)
        {
            used.UnionWith(Words().Matches((string)row[0]!).Select(m => m.Value));
        }

        string[] unsupported = ["bcrypt", "htpasswd", "derivePassword", "genCA", "genCAWithKey", "genSelfSignedCert",
            "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "buildCustomCert"];
        string[] missing = [.. TemplateFunctionMap.Honeydipper.Names.Where(n => !used.Contains(n) && !unsupported.Contains(n)).Order(StringComparer.Ordinal)];
        Assert.Empty(missing);
        Assert.Equal("*semver.Version", GoTypes.TypeName(Eval("{{ semver \"1.0.0\" | return }}")));
    }
}
