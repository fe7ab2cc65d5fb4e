// Finds Raycast components in a react-test-renderer tree by the names the @raycast/api stand-in gives them.
import type { ReactTestInstance } from "react-test-renderer";
import type { ComponentName } from "../stand-in/raycast-api";

/**
 * The stand-in renders each Raycast component as a host element named after it ("List.Item", "Action", …);
 * the wrapping function components and anything else have no name, so each component is found once.
 */
export function componentName(node: ReactTestInstance): string | undefined {
  return typeof node.type === "string" ? node.type : undefined;
}

/** Whether a node is the named Raycast component; the name is checked against what the stand-in renders. */
export const isComponent = (node: ReactTestInstance, name: ComponentName): boolean =>
  componentName(node) === name;

/** Every named component under a node (the node itself included), in render order. */
export const findComponents = (root: ReactTestInstance, name: ComponentName): ReactTestInstance[] =>
  root.findAll((node) => isComponent(node, name));

/** An entry of an ActionPanel: every Action kind and submenus, not the panel or its sections. */
export function isAction(node: ReactTestInstance): boolean {
  const name = componentName(node);
  return (
    name !== undefined &&
    name.startsWith("Action") &&
    name !== "ActionPanel" &&
    name !== "ActionPanel.Section"
  );
}
