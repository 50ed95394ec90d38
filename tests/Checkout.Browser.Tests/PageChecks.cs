namespace Checkout.Browser.Tests;

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

/// <summary>What a page is checked for; each check gives one line per problem, naming the page, the rule and the element.</summary>
public static class PageChecks
{
    /// <summary>axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices.</summary>
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Fails with every problem on a line of its own (xunit's collection message shows only the first few).</summary>
    public static void AssertNone(IReadOnlyCollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Assert.True(problems.Count == 0, $"{problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    /// <summary>Each axe-core violation on the page as <c>rule id: help (target)</c>.</summary>
    public static async Task<IEnumerable<string>> AxeAsync(IPage page, string name)
    {
        var result = await page.RunAxe(Wcag22AA);
        return result.Violations.SelectMany(rule => rule.Nodes.Select(node => $"{name}: {rule.Id}: {rule.Help} ({node.Target})"));
    }

    /// <summary>
    /// Tabs through the page from its start and names each element that takes focus without a visible outline or ring.
    /// </summary>
    public static async Task<IEnumerable<string>> FocusAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.getSelection()?.removeAllRanges(); }");
        var problems = new List<string>();
        var seen = new HashSet<string>();
        for (var stop = 0; stop < 40; stop++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]?>("""
                () => {
                  const element = document.activeElement;
                  if (!element || element === document.body) return null;
                  const style = getComputedStyle(element);
                  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
                  const label = `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""} "${(element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 30)}"`;
                  return [label, ring ? "visible" : "none"];
                }
                """);
            if (focused is null || !seen.Add(focused[0]))
            {
                break;
            }
            if (focused[1] != "visible")
            {
                problems.Add($"{name}: no visible focus on {focused[0]}");
            }
        }
        return problems;
    }

    /// <summary>
    /// What makes the page hard to use on a phone: a layout wider than the screen, scrolling sideways, a base text size below 16 px, and a button, link or
    /// field smaller than 24 × 24 px (links inside a sentence excepted, as WCAG 2.5.8 does).
    /// </summary>
    public static async Task<IEnumerable<string>> PhoneAsync(IPage page, string name)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              const root = document.documentElement;
              // Without it a phone lays the page out 980 px wide and shrinks its text to fit.
              if (!/width=device-width/.test(document.querySelector("meta[name=viewport]")?.content ?? "")) problems.push("no <meta name=viewport content=width=device-width>, so a phone shrinks its text");
              const name = (element) => `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}${element.classList.length ? "." + [...element.classList].join(".") : ""}`;
              if (root.scrollWidth > root.clientWidth) {
                // The elements that stick out while none of their children do: what to fix.
                const out = (element) => element.getBoundingClientRect().right > root.clientWidth + 1;
                const culprits = [...document.body.querySelectorAll("*")].filter((element) => out(element) && ![...element.children].some(out));
                problems.push(`scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px (${culprits.slice(0, 3).map(name).join(", ")})`);
              }
              for (const element of [root, document.body, document.querySelector("main")].filter(Boolean)) {
                const size = parseFloat(getComputedStyle(element).fontSize);
                if (size < 16) problems.push(`text size ${size} px on ${element.tagName.toLowerCase()}`);
              }
              const targets = document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])");
              for (const target of targets) {
                const box = target.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) continue; // not shown
                const inSentence = getComputedStyle(target).display === "inline"
                  && target.parentElement && target.parentElement.textContent.trim().length > target.textContent.trim().length;
                if (inSentence) continue;
                if (box.width < 24 || box.height < 24) {
                  const label = `${name(target)} "${(target.textContent || target.getAttribute("aria-label") || "").trim().slice(0, 30)}"`;
                  problems.push(`touch target ${Math.round(box.width)} × ${Math.round(box.height)} px: ${label}`);
                }
              }
              return problems;
            }
            """);
        return problems.Select(problem => $"{name}: {problem}");
    }
}
