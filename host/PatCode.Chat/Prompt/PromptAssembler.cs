using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using PatCode.Chat.History;
using PatCode.Core.Answers;
using PatCode.Sdk;

namespace PatCode.Chat.Prompt;

/// <summary>
/// Fits the system prompt, the plugins' sections, the loaded files and the recent history into the context
/// window, keeping a quarter of it (at most 2048 tokens) for the answer. The system prompt and the new
/// message are required; then sections, then files, then history from the newest back. Whatever does not
/// fit is cut or left out and named in <see cref="AssembledPrompt.Truncations"/>, because Ollama itself
/// would cut the front of the prompt without a word. No plugin can crowd out the others: each one that added
/// sections is guaranteed a share of the budget for them (<see cref="PromptParts.PluginSharePercent"/>, less
/// when many plugins must share the room), and what is left goes to the plugins in the order they ran, which
/// is their priority order.
/// </summary>
internal static class PromptAssembler
{
    public static int AnswerReserve(int contextTokens) => Math.Min(2048, contextTokens / 4);

    public static AssembledPrompt Assemble(PromptParts parts)
    {
        var budget = parts.ContextTokens - AnswerReserve(parts.ContextTokens);
        var truncations = new List<string>();
        var userTokens = TokenEstimator.EstimateMessage(parts.UserMessage);
        var systemTokens = TokenEstimator.EstimateMessage(parts.SystemPrompt);
        if (userTokens + systemTokens > budget)
        {
            throw new PromptTooLargeException(
                $"message refused: it is about {userTokens.ToString(CultureInfo.InvariantCulture)} tokens and the model's context window ({parts.ContextTokens.ToString(CultureInfo.InvariantCulture)} tokens, {budget.ToString(CultureInfo.InvariantCulture)} usable for the prompt) cannot hold it; shorten it, /load the text as a file, or raise chat.contextTokens.");
        }

        var left = budget - userTokens - systemTokens;
        var system = new StringBuilder(parts.SystemPrompt);

        var sectionBlocks = new List<string>();
        var sections = parts.Sections.Select(s => (Section: s, Heading: $"## {s.Title} (from {s.Plugin})\n")).ToList();
        var allowances = Allowances(sections, left, budget * Math.Clamp(parts.PluginSharePercent, 1, 100) / 100);
        foreach (var (section, heading) in sections)
        {
            var allowance = allowances[section.Plugin];
            var unused = Add(sectionBlocks, heading, section.Content, "", $"context section '{section.Title}' from {section.Plugin}", allowance, truncations);
            allowances[section.Plugin] = unused;
            left -= allowance - unused;
        }

        var fileBlocks = new List<string>();
        foreach (var file in parts.Files)
        {
            var heading = $"## File: {file.Path}\n```\n";
            left = Add(fileBlocks, heading, file.Content, "\n```", $"loaded file {file.Path}", left, truncations);
        }

        if (sectionBlocks.Count > 0)
        {
            system.Append("\n\n# Context from plugins\n\n").Append(string.Join("\n\n", sectionBlocks));
        }

        if (fileBlocks.Count > 0)
        {
            system.Append("\n\n# Files the user loaded\n\n").Append(string.Join("\n\n", fileBlocks));
        }

        var history = new List<ChatMessage>();
        var dropped = 0;
        for (var i = parts.History.Count - 1; i >= 0; i--)
        {
            var entry = parts.History[i];
            var content = entry.Cut ? entry.Content + "\n[answer cut short]" : entry.Content;
            var cost = TokenEstimator.EstimateMessage(content);
            if (cost > left || dropped > 0)
            {
                dropped++;
                continue;
            }

            left -= cost;
            history.Add(new ChatMessage(entry.Role == HistoryEntry.AssistantRole ? ChatRole.Assistant : ChatRole.User, content));
        }

        history.Reverse();
        if (dropped > 0)
        {
            truncations.Add($"{dropped.ToString(CultureInfo.InvariantCulture)} older message(s) of the history left out to fit the {parts.ContextTokens.ToString(CultureInfo.InvariantCulture)}-token context window (/clear starts afresh).");
        }

        var messages = new List<ChatMessage>(history.Count + 2);
        if (system.Length > 0)
        {
            messages.Add(new ChatMessage(ChatRole.System, system.ToString()));
        }

        messages.AddRange(history);
        messages.Add(new ChatMessage(ChatRole.User, parts.UserMessage));
        return new AssembledPrompt(messages, budget - left, truncations);
    }

    /// <summary>
    /// The tokens each plugin may spend on its sections, out of <paramref name="room"/>: first what it needs up to
    /// <paramref name="share"/> (or an equal part of the room when there are too many plugins for that), then
    /// what is left, to the plugins in the order their sections came (the chain's priority order).
    /// </summary>
    private static Dictionary<string, int> Allowances(List<(ContextSection Section, string Heading)> sections, int room, int share)
    {
        var needs = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (section, heading) in sections)
        {
            var cost = Cost(heading, section.Content, "");
            if (needs.TryAdd(section.Plugin, cost))
            {
                order.Add(section.Plugin);
            }
            else
            {
                needs[section.Plugin] += cost;
            }
        }

        var guaranteed = order.Count == 0 ? 0 : Math.Min(share, room / order.Count);
        var allowances = order.ToDictionary(p => p, p => Math.Min(needs[p], guaranteed), StringComparer.Ordinal);
        var rest = room - allowances.Values.Sum();
        foreach (var plugin in order)
        {
            var more = Math.Min(needs[plugin] - allowances[plugin], rest);
            allowances[plugin] += more;
            rest -= more;
        }

        return allowances;
    }

    // Estimated apart, the parts never cost less than the whole: what fits by this count fits.
    private static int Cost(string heading, string content, string tail) =>
        TokenEstimator.Estimate(heading) + TokenEstimator.Estimate(content) + TokenEstimator.Estimate(tail) + 2;

    private static int Add(List<string> blocks, string heading, string content, string tail, string what, int left, List<string> truncations)
    {
        var cost = Cost(heading, content, tail);
        if (cost <= left)
        {
            blocks.Add(heading + content + tail);
            return left - cost;
        }

        var room = left - TokenEstimator.Estimate(heading + tail) - 2 - 8;
        if (room < 32)
        {
            truncations.Add($"{what} left out: no room in the context window.");
            return left;
        }

        var cut = TokenEstimator.Cut(content, room);
        blocks.Add(heading + cut + "\n[…cut to fit the context window]" + tail);
        truncations.Add($"{what} cut to about {room.ToString(CultureInfo.InvariantCulture)} of {TokenEstimator.Estimate(content).ToString(CultureInfo.InvariantCulture)} tokens to fit the context window.");
        return 0;
    }
}
