using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary><c>--limit</c>, <c>--after</c> and <c>--all</c> of a listing, and the hint that names the next page.</summary>
internal sealed class PagingOptions(int defaultLimit)
{
    public Option<int> Limit { get; } = new("--limit") { Description = "Items per page (1 to 1000)", DefaultValueFactory = _ => defaultLimit };

    public Option<string?> After { get; } = new("--after") { Description = "The cursor of the next page, as the previous page printed it" };

    public Option<bool> All { get; } = new("--all") { Description = "Every page, not just the first" };

    public void AddTo(Command command)
    {
        command.Options.Add(Limit);
        command.Options.Add(After);
        command.Options.Add(All);
    }

    /// <summary>Tells a person how to see the next page (in JSON the page's <c>next</c> says it).</summary>
    public static void NoteNext(CliContext context, string? next)
    {
        if (next is not null)
        {
            context.Print.Note("more: --after " + next);
        }
    }
}
