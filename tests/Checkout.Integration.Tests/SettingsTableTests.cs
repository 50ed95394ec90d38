namespace Checkout.Integration.Tests;

using System.Reflection;
using System.Text.RegularExpressions;

/// <summary>
/// The README's settings tables are where an operator looks for what can be set: every property of every settings
/// class the app and the emulator bind (a class with a <c>Section</c> or <c>SectionName</c> constant) is named there.
/// </summary>
public sealed class SettingsTableTests
{
    private static readonly Assembly[] Bound =
    [
        typeof(Checkout.Web.Infrastructure.Options.CheckoutSettings).Assembly,
        typeof(Checkout.Klarna.KlarnaOptions).Assembly,
        typeof(Checkout.Acquiring.AcquirerOptions).Assembly,
        typeof(Checkout.Sandbox.SandboxOptions).Assembly,
    ];

    [Fact]
    public void Every_setting_the_app_and_the_emulator_bind_is_in_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        var missing = SettingKeys().Where(key => !Regex.IsMatch(readme, $"`{Regex.Escape(key)}(`|:)")).ToList();

        Assert.True(missing.Count == 0, "Not in README.md's settings tables: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_settings_classes_are_found_so_the_table_check_has_something_to_check()
    {
        var keys = SettingKeys().ToList();

        Assert.Contains("Klarna:ApiKey", keys);
        Assert.Contains("Sandbox:Klarna:PresentationShape", keys);
        Assert.Contains("Reconciler:Interval", keys);
    }

    private static IEnumerable<string> SettingKeys() =>
        Bound.SelectMany(assembly => assembly.GetTypes())
            .Select(type => (type, section: SectionOf(type)))
            .Where(bound => bound.section is not null)
            .SelectMany(bound => KeysOf(bound.type, bound.section!))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static string? SectionOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(field => field.IsLiteral && field.FieldType == typeof(string) && field.Name is "Section" or "SectionName")
            ?.GetRawConstantValue() as string;

    private static IEnumerable<string> KeysOf(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}:{property.Name}";
            var nested = property.PropertyType;
            if (nested.IsClass && nested != typeof(string) && nested.Namespace?.StartsWith("Checkout", StringComparison.Ordinal) == true)
            {
                foreach (var inner in KeysOf(nested, key))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Checkout.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository: Checkout.sln not found.");
    }
}
