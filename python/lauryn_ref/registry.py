"""Op name -> implementation. Each ops_* module registers its ops with
@implements; an implementation is called as fn(ctx, op, args) and returns the
list of result values (see interpreter.OpContext for ctx)."""

HANDLERS = {}


def implements(*names):
    def register(fn):
        for name in names:
            HANDLERS[name] = fn
        return fn
    return register
