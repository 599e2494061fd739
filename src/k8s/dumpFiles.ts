// Reading clusters at rest from disk or stdin: files, directories of files, `-` for stdin, and the
// built-in samples. The parsing itself is core's (`parseDumpText`); this module only finds and
// reads bytes, refuses binary and oversized input, and reports problems as DumpError.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, extname } from 'node:path';
import {
  DumpError, kubeletEvidenceOfFiles, kubeletFileOf, maxKubeletFileBytes, parseDumpText, parseKubeletFile,
  type DumpObject, type KubeletFileFacts, type KubeletFileName,
} from '../core/dump';
import type { KubeletEvidence } from '../core/model';
import { isRecord } from '../core/read';

/** Files larger than this are refused with a message instead of exhausting memory. */
export const MAX_DUMP_BYTES = 512 * 1024 * 1024;
const DUMP_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
const MAX_DIRECTORY_FILES = 10_000;

export interface LoadedDump {
  readonly objects: DumpObject[];
  readonly serverVersion: string | null;
  readonly files: readonly string[];
  /** Kubelet answers saved as `NODE.kubelet-configz.json` / `NODE.kubelet-metrics.txt`, per node. */
  readonly kubelet: ReadonlyMap<string, KubeletEvidence>;
  /** Those files' text as written, when `keepKubeletText` asked for it (the simulator serves it). */
  readonly kubeletText: readonly { readonly node: string; readonly answer: 'configz' | 'metrics'; readonly text: string }[];
}

export interface LoadOptions {
  /** Read `-` from here (tests pass a string; the CLI passes process.stdin). */
  readonly stdin?: () => Promise<Buffer>;
  readonly maxBytes?: number;
  /** Keep the kubelet files' text as it is, unparsed (the simulator answers the node proxy with it). */
  readonly keepKubeletText?: boolean;
}

/** Load every source (`FILE`, `DIR` or `-`) and merge the objects. Throws DumpError. */
export async function loadDumps(sources: readonly string[], options: LoadOptions = {}): Promise<LoadedDump> {
  const objects: DumpObject[] = [];
  const files: string[] = [];
  let serverVersion: string | null = null;
  const kubeletFiles: KubeletFileFacts[] = [];
  const kubeletText: { node: string; answer: 'configz' | 'metrics'; text: string }[] = [];
  for (const source of sources) {
    const entries: Entry[] = source === '-' ? [{ name: '<stdin>', read: () => readStdin(options) }] : await expand(source);
    for (const entry of entries) {
      const bytes = await entry.read();
      if (entry.kubelet) {
        // A kubelet's answer, not Kubernetes objects: parsed by its own rules, and refused as a
        // dump file would be. The simulator takes the text as it is (it serves hostile answers too).
        if (options.keepKubeletText) kubeletText.push({ node: entry.kubelet.node, answer: entry.kubelet.answer, text: bytes.toString('utf8') });
        else kubeletFiles.push(parseKubeletFile(bytes, entry.name, entry.kubelet));
        files.push(entry.name);
        continue;
      }
      const parsed = parseDumpText(decode(bytes, entry.name, options.maxBytes ?? MAX_DUMP_BYTES), entry.name);
      objects.push(...parsed.objects);
      serverVersion = parsed.serverVersion ?? serverVersion;
      files.push(entry.name);
    }
  }
  return { objects, serverVersion, files, kubelet: kubeletEvidenceOfFiles(kubeletFiles), kubeletText };
}

interface Entry {
  readonly name: string;
  readonly read: () => Promise<Buffer>;
  /** Set for a saved kubelet answer (`NODE.kubelet-…`). */
  readonly kubelet?: KubeletFileName;
}

async function expand(source: string): Promise<Entry[]> {
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    throw new DumpError(source, codeOf(error) === 'ENOENT' ? 'no such file or directory' : `cannot read it (${codeOf(error) ?? 'unknown error'})`);
  }
  if (info.isFile()) {
    const kubelet = kubeletFileOf(basename(source));
    if (kubelet) return [{ name: source, kubelet, read: () => readChecked(source, info.size, maxKubeletFileBytes(kubelet.answer)) }];
    return [{ name: source, read: () => readChecked(source, info.size) }];
  }
  if (!info.isDirectory()) throw new DumpError(source, 'not a regular file or directory');
  const found: Entry[] = [];
  await walk(source, source, found);
  if (found.length === 0) {
    throw new DumpError(source, 'the directory holds no .json, .yaml or .yml files');
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function walk(root: string, dir: string, found: Entry[]): Promise<void> {
  const names = await readdir(dir, { withFileTypes: true });
  for (const dirent of names) {
    if (dirent.name.startsWith('.')) continue;
    const full = join(dir, dirent.name);
    if (dirent.isDirectory()) {
      await walk(root, full, found);
    } else if (dirent.isFile() && (kubeletFileOf(dirent.name) || DUMP_EXTENSIONS.has(extname(dirent.name).toLowerCase()))) {
      if (found.length >= MAX_DIRECTORY_FILES) {
        throw new DumpError(root, `more than ${MAX_DIRECTORY_FILES} dump files under it; point --from at a smaller directory`);
      }
      const size = (await stat(full)).size;
      const name = relative(process.cwd(), full) || full;
      const kubelet = kubeletFileOf(dirent.name);
      found.push(kubelet
        ? { name, kubelet, read: () => readChecked(full, size, maxKubeletFileBytes(kubelet.answer)) }
        : { name, read: () => readChecked(full, size) });
    }
  }
}

async function readChecked(file: string, size: number, maxBytes = MAX_DUMP_BYTES): Promise<Buffer> {
  if (size > maxBytes) {
    throw new DumpError(file, `the file is ${mib(size)} MiB, more than the ${mib(maxBytes)} MiB limit; split it (for example one kubectl get per namespace)`);
  }
  try {
    return await readFile(file);
  } catch (error) {
    throw new DumpError(file, `cannot read it (${codeOf(error) ?? 'unknown error'})`);
  }
}

async function readStdin(options: LoadOptions): Promise<Buffer> {
  if (options.stdin) return options.stdin();
  const chunks: Buffer[] = [];
  let total = 0;
  const limit = options.maxBytes ?? MAX_DUMP_BYTES;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new DumpError('<stdin>', `more than ${mib(limit)} MiB on standard input; save it to files and split them`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Bytes → text, refusing binary data (NUL bytes or invalid UTF-8) with a clear message. */
export function decode(bytes: Buffer, file: string, maxBytes = MAX_DUMP_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new DumpError(file, `the input is ${mib(bytes.length)} MiB, more than the ${mib(maxBytes)} MiB limit`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new DumpError(file, `this is a binary file (a NUL byte at offset ${nul}), not JSON or YAML`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DumpError(file, 'this is not UTF-8 text (a binary file?); expected JSON or YAML');
  }
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0);
}

function codeOf(error: unknown): string | undefined {
  return isRecord(error) && 'code' in error ? String(error['code']) : undefined;
}
