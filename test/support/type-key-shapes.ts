// Reads payload types from the sources with the TypeScript compiler API: a Program over one small
// virtual file that imports the event maps, and the checker asked for each type's properties.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { type KeyShape, mergeKeyShapes } from './key-shapes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Deeper than any payload nests; stops a self-referring type. */
const maxDepth = 12;

/**
 * The key shape of a type: the properties of an object type (the union of its members' properties
 * for a union, the element's for an array or tuple), each with the shape of its own type; `null` for
 * a primitive, a literal or an open record (a string index signature names no keys).
 */
export function toTypeKeyShape(checker: ts.TypeChecker, type: ts.Type, depth = 0): KeyShape | null {
  if (depth > maxDepth) return null;
  const present = checker.getNonNullableType(type);
  if (present.isUnion()) {
    return present.types.reduce<KeyShape | null>(
      (shape, member) => mergeKeyShapes(shape, toTypeKeyShape(checker, member, depth)),
      null,
    );
  }
  if (checker.isArrayType(present) || checker.isTupleType(present)) {
    return checker
      .getTypeArguments(present as ts.TypeReference)
      .reduce<KeyShape | null>(
        (shape, element) => mergeKeyShapes(shape, toTypeKeyShape(checker, element, depth + 1)),
        null,
      );
  }
  if ((present.flags & ts.TypeFlags.Object) === 0 && !present.isIntersection()) return null;
  if (isOpenRecord(checker, present)) return null;
  const keys = new Map<string, KeyShape | null>();
  for (const property of checker.getPropertiesOfType(present)) {
    const propertyType = checker.getTypeOfSymbol(property);
    // `error?: never` forbids the key (a status that is not a failure has no `error`): not a key.
    if ((propertyType.flags & (ts.TypeFlags.Never | ts.TypeFlags.Undefined)) !== 0) continue;
    keys.set(property.name, toTypeKeyShape(checker, propertyType, depth + 1));
  }
  return { keys };
}

/**
 * Whether any string or number key is allowed (`Record<string, unknown>`). An index signature over a
 * pattern (`SipHeader_${string}`) does not open the type: its named keys are still compared.
 */
function isOpenRecord(checker: ts.TypeChecker, type: ts.Type): boolean {
  const anyKey = ts.TypeFlags.String | ts.TypeFlags.Number;
  return checker.getIndexInfosOfType(type).some((info) => (info.keyType.flags & anyKey) !== 0);
}

/** A checker over one virtual module beside the tests, and the types it exports by name. */
export interface TypeProbe {
  readonly checker: ts.TypeChecker;
  /** The type alias `name` the virtual module exports; throws when there is none. */
  readonly exported: (name: string) => ts.Type;
}

/**
 * Compiles `source` as a module in `test/` (so `../src/...` imports resolve) with the project's
 * compiler options, and hands back its checker. Only the files the module reaches are read.
 */
export function createTypeProbe(source: string): TypeProbe {
  const configPath = join(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`);
  const virtualPath = join(root, 'test', '__payload-type-probe__.ts');
  const host = ts.createCompilerHost(parsed.options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => path === virtualPath || fileExists.call(host, path);
  host.readFile = (path) => (path === virtualPath ? source : readFile.call(host, path));
  host.getSourceFile = (path, language, ...rest) =>
    path === virtualPath
      ? ts.createSourceFile(path, source, language, true)
      : getSourceFile.call(host, path, language, ...rest);
  const program = ts.createProgram({ rootNames: [virtualPath], options: parsed.options, host });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(virtualPath);
  const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
  if (moduleSymbol === undefined) throw new Error('the virtual module did not compile');
  const problems = ts.getPreEmitDiagnostics(program, file);
  if (problems.length > 0) {
    const text = problems.map((problem) => ts.flattenDiagnosticMessageText(problem.messageText, '\n'));
    throw new Error(`the virtual module has type errors:\n${text.join('\n')}`);
  }
  const exports = checker.getExportsOfModule(moduleSymbol);
  return {
    checker,
    exported: (name) => {
      const symbol = exports.find((candidate) => candidate.name === name);
      if (symbol === undefined) throw new Error(`the virtual module exports no "${name}"`);
      return checker.getDeclaredTypeOfSymbol(symbol);
    },
  };
}

/** The type of property `key` of `type` (an event name of a map type, a version name). */
export function toPropertyType(checker: ts.TypeChecker, type: ts.Type, key: string): ts.Type {
  const property = checker.getPropertyOfType(type, key);
  if (property === undefined) throw new Error(`the type has no property "${key}"`);
  return checker.getTypeOfSymbol(property);
}
