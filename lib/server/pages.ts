import { notFound } from "next/navigation";
import { NotFoundError } from "./errors";

/** Runs a page's load; a NotFoundError becomes the route's 404 page, anything else stays an error. */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
