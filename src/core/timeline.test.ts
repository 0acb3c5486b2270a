import { describe, expect, it } from "vitest";
import { groupOf, moduleOf, titleOf } from "./timeline.ts";

describe("timeline groups", () => {
  it.each([
    ["interaction.logged", "interactions"],
    ["commitment.kept_late", "commitments"],
    ["commitment.some_type_added_later", "commitments"],
    ["callback.returned", "callbacks"],
    ["pulse.answered", "pulse"],
    ["trust.observation_recorded", "evidence"],
    ["incident.disclosed", "incidents"],
    ["contract.some_later_producer", "other"],
  ])("%s is shown under %s", (type, group) => {
    expect(groupOf(type)).toBe(group);
  });

  it("shows a callback's kept and broken facts under callbacks, other promises' under commitments", () => {
    expect(groupOf("commitment.kept", { commitmentKind: "callback" })).toBe("callbacks");
    expect(groupOf("commitment.broken", { commitmentKind: "promise" })).toBe("commitments");
    expect(groupOf("commitment.created", {})).toBe("commitments");
  });

  it("names the producer by the part before the dot", () => {
    expect(moduleOf("team_pulse.answered")).toBe("team_pulse");
  });

  it("titles an event by its payload's title, else its summary", () => {
    expect(titleOf({ title: "Offerte sturen", summary: "x" })).toBe("Offerte sturen");
    expect(titleOf({ summary: "Gebeld over de jaarrekening" })).toBe("Gebeld over de jaarrekening");
    expect(titleOf({ title: "  ", summary: 3 })).toBeNull();
    expect(titleOf({})).toBeNull();
  });
});
