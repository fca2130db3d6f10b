// Valid sample envelopes covering every Body, RelationOp and ExprNode member, built with the object API and the
// library's builders; shared by the verifier, fuzz and round-trip tests.
import * as flatbuffers from 'flatbuffers';
import { fb, buildEnvelope, errorEnvelope, ackEnvelope, helloEnvelope, handshakeEnvelope } from '../src/index.js';

const E = (nodeType: fb.ExprNode, node: fb.ExpressionT['node']) => new fb.ExpressionT(nodeType, node);
const col = (name: string, planId = 0n) => E(fb.ExprNode.ColumnRef, new fb.ColumnRefT(name, planId));
const lit = (v: number) => E(fb.ExprNode.Literal, new fb.LiteralT(fb.TypeKind.Int64, false, false, BigInt(v), 0, null));
const call = (name: string, ...args: fb.ExpressionT[]) => E(fb.ExprNode.Call, new fb.CallT(name, args, false));

const longType = () => new fb.DataTypeT(fb.TypeKind.Int64, null, true);
const binaryType = () => new fb.DataTypeT(fb.TypeKind.Binary, null, true);
const arrayType = () => new fb.DataTypeT(fb.TypeKind.Array, new fb.DataTypeT(fb.TypeKind.String, null, true), false);
const structType = () =>
  new fb.DataTypeT(fb.TypeKind.Struct, null, true, [new fb.FieldT('x', longType(), false), new fb.FieldT('tags', arrayType(), true)]);
export const sampleSchema = () =>
  new fb.SchemaT([
    new fb.FieldT('id', longType(), false),
    new fb.FieldT('tags', arrayType(), true),
    new fb.FieldT('naïve ☃ 𝄞', new fb.DataTypeT(fb.TypeKind.Timestamp, null, true), true),
    new fb.FieldT('point', structType(), true),
  ]);

/** One expression of every ExprNode kind, nested. */
export function everyExpression(): fb.ExpressionT[] {
  return [
    col('a', 3n),
    E(fb.ExprNode.Star, new fb.StarT('t')),
    E(fb.ExprNode.Star, new fb.StarT(null)),
    E(fb.ExprNode.Literal, new fb.LiteralT(fb.TypeKind.String, false, false, 0n, 0, 'héllo')),
    E(fb.ExprNode.Literal, new fb.LiteralT(fb.TypeKind.Float64, false, false, 0n, 2.5, null)),
    E(fb.ExprNode.Literal, new fb.LiteralT(fb.TypeKind.Null, true, false, 0n, 0, null)),
    call('+', col('a'), lit(1)),
    E(fb.ExprNode.Call, new fb.CallT('count', [], false)),
    E(fb.ExprNode.Call, new fb.CallT('count', [col('b')], true)),
    E(fb.ExprNode.Alias, new fb.AliasT(call('upper', col('s')), 'u')),
    E(fb.ExprNode.Cast, new fb.CastT(col('a'), arrayType())),
    E(fb.ExprNode.CaseWhen, new fb.CaseWhenT([call('>', col('a'), lit(0))], [lit(1)], lit(-1))),
    E(fb.ExprNode.CaseWhen, new fb.CaseWhenT([], [], null)),
    E(fb.ExprNode.SortOrder, new fb.SortOrderT(col('a'), true, false)),
    E(fb.ExprNode.PythonUdf, pyUdf(fb.PythonEvalType.ScalarPandas, [col('a'), lit(2)])),
    E(fb.ExprNode.WindowExpr, new fb.WindowExprT(call('rank'), [col('k')], [E(fb.ExprNode.SortOrder, new fb.SortOrderT(col('v'), true, false))], fb.FrameType.Rows, -1n, 0n, true, false)),
    E(fb.ExprNode.WindowExpr, new fb.WindowExprT(call('sum', col('v')), [], [], fb.FrameType.Default, 0n, 0n, false, false)),
    E(fb.ExprNode.SqlExpression, new fb.SqlExpressionT("length(s) > 2 AND s LIKE 'a%'")),
    E(fb.ExprNode.Alias, new fb.AliasT(call('posexplode', col('xs')), 'p', ['p', 'v'])),
    E(fb.ExprNode.LambdaFunction, new fb.LambdaFunctionT(['x_2'], call('>', E(fb.ExprNode.LambdaVariable, new fb.LambdaVariableT('x_2')), lit(0)))),
    E(fb.ExprNode.LambdaVariable, new fb.LambdaVariableT('y_3')),
    call('transform', col('xs'), E(fb.ExprNode.LambdaFunction, new fb.LambdaFunctionT(['x_0', 'y_1'], call('+', E(fb.ExprNode.LambdaVariable, new fb.LambdaVariableT('x_0')), E(fb.ExprNode.LambdaVariable, new fb.LambdaVariableT('y_1')))))),
  ];
}

/** A Python UDF node (the command bytes are opaque to the engine: any bytes verify). */
function pyUdf(evalType: fb.PythonEvalType, args: fb.ExpressionT[]): fb.PythonUdfT {
  return new fb.PythonUdfT('plus_one', evalType, [0x80, 0x05, 0x2e], longType(), args, true);
}

function transform(opType: fb.RelationOp, op: fb.TransformT['op']): fb.TransformT {
  return new fb.TransformT(opType, op);
}

/** One Transform per RelationOp member. */
export function everyTransform(): fb.TransformT[] {
  const R = fb.RelationOp;
  return [
    transform(R.Range, new fb.RangeT(0n, 100n, 3n, 4)),
    transform(R.LocalData, new fb.LocalDataT([1, 2, 3, 255], new fb.ShmRefT('/kindling-1-2-3', 4096n), sampleSchema())),
    transform(R.LocalData, new fb.LocalDataT([], null, null)),
    transform(R.Project, new fb.ProjectT(1n, everyExpression())),
    transform(R.Filter, new fb.FilterT(2n, call('and', call('isNotNull', col('a')), call('in', col('a'), lit(1), lit(2))))),
    transform(R.WithColumns, new fb.WithColumnsT(3n, ['x', 'y'], [lit(1), col('b')])),
    transform(R.WithColumnsRenamed, new fb.WithColumnsRenamedT(3n, ['a'], ['b'])),
    transform(R.Drop, new fb.DropT(4n, ['a', ''], [col('b')])),
    transform(R.Aggregate, new fb.AggregateT(5n, [col('k')], [call('sum', col('v'))])),
    transform(R.Aggregate, new fb.AggregateT(5n, [col('k'), col('j')], [call('grouping_id')], fb.GroupType.Cube)),
    transform(R.Join, new fb.JoinT(6n, 7n, 'left', call('=', col('a', 6n), col('a', 7n)), [])),
    transform(R.Join, new fb.JoinT(6n, 7n, 'inner', null, ['a', 'b'])),
    transform(R.Sort, new fb.SortT(8n, [E(fb.ExprNode.SortOrder, new fb.SortOrderT(col('a'), false, true)), col('b')], false)),
    transform(R.Limit, new fb.LimitT(9n, 10n)),
    transform(R.Distinct, new fb.DistinctT(10n, ['a'])),
    transform(R.SetOp, new fb.SetOpT(11n, 12n, true, true)),
    transform(R.Repartition, new fb.RepartitionT(13n, 8, false, [col('a')])),
    transform(R.Repartition, new fb.RepartitionT(13n, 3, true, [col('_pid')], true)),
    transform(R.MapInPython, new fb.MapInPythonT(15n, new fb.PythonUdfT('<lambda>', fb.PythonEvalType.NonUdf, [0x80, 0x05, 0x2e], binaryType(), [], true, [0n, 7n]), sampleSchema())),
    transform(R.SubqueryAlias, new fb.SubqueryAliasT(14n, 't')),
    transform(R.MapInPython, new fb.MapInPythonT(15n, pyUdf(fb.PythonEvalType.MapPandasIter, []), sampleSchema())),
    transform(R.FlatMapGroupsInPython, new fb.FlatMapGroupsInPythonT(16n, [col('k')], pyUdf(fb.PythonEvalType.GroupedMapPandas, []), sampleSchema())),
    transform(R.Sql, new fb.SqlT('SELECT `a b`, \'x\' FROM t -- ☃')),
    transform(R.ReadTable, new fb.ReadTableT('global_temp.v')),
    transform(R.ReadFiles, new fb.ReadFilesT('csv', ['/data/a.csv', '/data/b/*.csv'], sampleSchema(), null, [new fb.KeyValueT('header', 'true')])),
    transform(R.ReadFiles, new fb.ReadFilesT('parquet', [], null, 'id bigint, name string', [])),
  ];
}

export interface Sample {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The body as built with the object API, to compare with what unpack() reads back. */
  readonly body?: flatbuffers.IGeneratedObject;
}

function packed(name: string, requestId: bigint, bodyType: fb.Body, body: flatbuffers.IGeneratedObject): Sample {
  return { name, bytes: buildEnvelope(requestId, bodyType, (b) => body.pack(b)), body };
}

/** Valid envelopes: at least one per Body member, plus one Transform per RelationOp. */
export function validSamples(): Sample[] {
  const B = fb.Body;
  const out: Sample[] = [
    { name: 'Hello (builder)', bytes: helloEnvelope(new Uint8Array(32).fill(7), '0.1.0') },
    { name: 'Handshake (builder)', bytes: handshakeEnvelope(1n, new Uint8Array(32).fill(9), 'pytest') },
    { name: 'Ack (builder)', bytes: ackEnvelope(5n) },
    { name: 'Error (builder)', bytes: errorEnvelope(6n, fb.ErrorKind.Analysis, 'UNRESOLVED_COLUMN', 'A column `x` cannot be resolved.', { objectName: '`x`', proposal: '`a`' }) },
    { name: 'Error without params', bytes: errorEnvelope(7n, fb.ErrorKind.Protocol, '', 'bad') },
    packed('HandshakeOk', 1n, B.HandshakeOk, new fb.HandshakeOkT(42n, '0.1.0')),
    packed('ConfigRequest', 2n, B.ConfigRequest, new fb.ConfigRequestT(fb.ConfigOp.Set, 'spark.sql.shuffle.partitions', '4', null)),
    packed('ConfigResponse', 2n, B.ConfigResponse, new fb.ConfigResponseT([new fb.KeyValueT('a', '1'), new fb.KeyValueT('b', null)])),
    packed('DataFrameHandle', 3n, B.DataFrameHandle, new fb.DataFrameHandleT(17n, sampleSchema())),
    packed('AnalyzeRequest', 4n, B.AnalyzeRequest, new fb.AnalyzeRequestT(17n, fb.AnalyzeKind.Explain, 'extended')),
    packed('AnalyzeResponse', 4n, B.AnalyzeResponse, new fb.AnalyzeResponseT('== Physical Plan ==', sampleSchema(), true, 0)),
    packed('AnalyzeResponse numPartitions', 4n, B.AnalyzeResponse, new fb.AnalyzeResponseT(null, null, false, 8)),
    packed('ExecuteRequest', 5n, B.ExecuteRequest, new fb.ExecuteRequestT(17n, fb.Action.Take, 5n, 0, true, fb.ResultFormat.PickledRows)),
    packed('ExecuteResponse', 5n, B.ExecuteResponse, new fb.ExecuteResponseT(3n, 'text', fb.ResultFormat.Arrow, [0, 1, 2, 3, 4, 5, 6, 7, 8], new fb.ShmRefT('/dev/shm/k', 9n), 3n, sampleSchema(), [new fb.AccumulatorUpdatesT([0x80, 5, 0x5d, 0x2e])])),
    packed('PersistRequest', 6n, B.PersistRequest, new fb.PersistRequestT(17n, fb.PersistOp.Unpersist)),
    packed('Release', 7n, B.Release, new fb.ReleaseT([1n, 2n, 18446744073709551615n])),
    packed('Release empty', 7n, B.Release, new fb.ReleaseT([])),
    packed('Cancel', 8n, B.Cancel, new fb.CancelT(5n)),
    packed('Stop', 9n, B.Stop, new fb.StopT()),
    packed('Progress', 0n, B.Progress, new fb.ProgressT(1n, 2n, 3, 4)),
    packed('WorkerHello', 0n, B.WorkerHello, new fb.WorkerHelloT([1, 2, 3], 4242, '3.11.7')),
    packed('WorkerAuth', 0n, B.WorkerAuth, new fb.WorkerAuthT([4, 5], [6, 7])),
    packed('WorkerAuthOk', 0n, B.WorkerAuthOk, new fb.WorkerAuthOkT([8, 9])),
    packed('TaskStart', 0n, B.TaskStart, new fb.TaskStartT(1n, 2, 3, 0, fb.PythonEvalType.ArrowBatched, [
      new fb.UdfSpecT('f', [1, 2], longType(), [0, -1], false),
      new fb.UdfSpecT('g', [3], arrayType(), [-1], true),
    ], sampleSchema(), [new fb.KeyValueT('spark.python.worker.reuse', 'true')], [new fb.BroadcastValueT(3n, 2, [0x80, 5, 0x4b, 7, 0x2e])])),
    packed('InputBatch', 0n, B.InputBatch, new fb.InputBatchT([1, 2, 3], [], 3)),
    packed('InputBatch in the ring', 0n, B.InputBatch, new fb.InputBatchT([], [], 3, 4294967288, 4096)),
    packed('WorkerRing', 0n, B.WorkerRing, new fb.WorkerRingT('/kindling-1-ring-2', 8388608)),
    packed('WorkerRingAck', 0n, B.WorkerRingAck, new fb.WorkerRingAckT(false, 'FileNotFoundError: no /dev/shm')),
    packed('EndOfInput', 0n, B.EndOfInput, new fb.EndOfInputT()),
    packed('OutputBatch', 0n, B.OutputBatch, new fb.OutputBatchT([], [0x80, 2, 0x5d, 0x2e], 0)),
    packed('OutputBatch in the ring', 0n, B.OutputBatch, new fb.OutputBatchT([], [], 10, 65536, 800)),
    packed('TaskDone', 0n, B.TaskDone, new fb.TaskDoneT(new fb.WorkerTaskMetricsT(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9), [0x80, 5, 0x5d, 0x2e])),
    packed('BroadcastRequest', 12n, B.BroadcastRequest, new fb.BroadcastRequestT(fb.BroadcastOp.Register, 3n, [0x80, 5, 0x4b, 7, 0x2e], null)),
    packed('BroadcastRequest shm', 13n, B.BroadcastRequest, new fb.BroadcastRequestT(fb.BroadcastOp.Destroy, 4n, [], new fb.ShmRefT('/kindling-client-1-2', 64n))),
    packed('CatalogRequest', 10n, B.CatalogRequest, new fb.CatalogRequestT(fb.CatalogOp.CreateOrReplaceGlobalTempView, 17n, 'v', null)),
    packed('CatalogRequest listTables', 11n, B.CatalogRequest, new fb.CatalogRequestT(fb.CatalogOp.ListTables, 0n, null, 'global_temp')),
    packed('CatalogResponse', 11n, B.CatalogResponse, new fb.CatalogResponseT(true, [new fb.TableInfoT('v', 'global_temp', 'TEMPORARY', true), new fb.TableInfoT('w', '', 'TEMPORARY', true)])),
    packed('WriteRequest', 14n, B.WriteRequest, new fb.WriteRequestT(18n, 'parquet', '/tmp/out', 'overwrite', [new fb.KeyValueT('compression', 'zstd')], ['year', 'month'])),
    packed('TaskFailed', 0n, B.TaskFailed, new fb.TaskFailedT('PYTHON_EXCEPTION', 'f', 'boom', 'Traceback (most recent call last):')),
  ];
  everyTransform().forEach((t, i) => out.push(packed(`Transform ${fb.RelationOp[t.opType]} #${i}`, BigInt(100 + i), B.Transform, t)));
  return out;
}

/** Every Body member name covered by validSamples(). */
export function coveredBodies(samples: Sample[]): Set<string> {
  const names = new Set<string>();
  for (const s of samples) {
    const env = fb.Envelope.getRootAsEnvelope(new flatbuffers.ByteBuffer(s.bytes));
    names.add(fb.Body[env.bodyType()]);
  }
  return names;
}
