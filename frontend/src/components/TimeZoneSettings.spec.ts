import { describe, expect, it } from "vitest";
import TimeZoneSettings from "./TimeZoneSettings.vue";
import { createTestClient, flushPromises, graphqlError, mountWithApp } from "@/test-utils";
import { notices } from "@/composables/useNotices";

const user = (timeZone: string) => ({ __typename: "User", email: "ann@example.com", timeZone });

describe("TimeZoneSettings", () => {
  it("shows the person's zone and saves another one", async () => {
    const { client, operations } = createTestClient((op) => {
      if (op.operationName === "TimeZone") return { data: { user: user("Europe/Berlin") } };
      if (op.operationName === "UpdateTimeZone")
        return { data: { updateTimeZone: { __typename: "UpdateTimeZonePayload", user: user(op.variables.timeZone) } } };
      throw new Error(op.operationName);
    });
    const { wrapper } = await mountWithApp(TimeZoneSettings, { client });
    const select = wrapper.get("select");
    expect((select.element as HTMLSelectElement).value).toBe("Europe/Berlin");
    expect(wrapper.findAll("option").map((o) => o.attributes("value"))).toContain("UTC");
    await select.setValue("Asia/Tokyo");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(operations[operations.length - 1]?.variables).toEqual({ timeZone: "Asia/Tokyo" });
    expect(notices.map((n) => n.text)).toContain("Time zone set to Asia/Tokyo.");
    expect(wrapper.get("button").attributes("disabled")).toBeDefined(); // saved: nothing to save
  });

  it("puts the saved zone back and says why when the server refuses", async () => {
    const { client } = createTestClient((op) => {
      if (op.operationName === "TimeZone") return { data: { user: user("Europe/Berlin") } };
      if (op.operationName === "UpdateTimeZone") return graphqlError("BAD_USER_INPUT");
      throw new Error(op.operationName);
    });
    const { wrapper } = await mountWithApp(TimeZoneSettings, { client });
    await wrapper.get("select").setValue("Asia/Tokyo");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(notices.map((n) => n.text)).toContain("That time zone is not known. Please pick one from the list.");
    expect((wrapper.get("select").element as HTMLSelectElement).value).toBe("Europe/Berlin");
  });
});
