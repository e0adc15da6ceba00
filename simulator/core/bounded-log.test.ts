import { expect, it } from "vitest";
import { BoundedLog } from "./bounded-log.ts";

it("keeps every item, oldest first, while under its cap", () => {
  const log = new BoundedLog<number>(3);
  log.push(1);
  log.push(2);
  expect(log.items()).toEqual([1, 2]);
  expect(log.dropped).toBe(0);
});

it("drops the oldest items past its cap and counts them", () => {
  const log = new BoundedLog<number>(3);
  for (let i = 1; i <= 8; i++) log.push(i);
  expect(log.items()).toEqual([6, 7, 8]);
  expect(log.size).toBe(3);
  expect(log.dropped).toBe(5);
});

it("starts over on clear, the count of dropped items included", () => {
  const log = new BoundedLog<number>(2);
  for (let i = 1; i <= 5; i++) log.push(i);
  log.clear();
  log.push(9);
  expect(log.items()).toEqual([9]);
  expect(log.dropped).toBe(0);
});

it("hands out a copy: a reader cannot change the history", () => {
  const log = new BoundedLog<number>(2);
  log.push(1);
  log.items().push(99);
  expect(log.items()).toEqual([1]);
});

it("refuses a cap below 1", () => {
  expect(() => new BoundedLog(0)).toThrow(/at least 1/);
});
