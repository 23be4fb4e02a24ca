//! Response completion as the GraphQL spec describes it, applied to what async-graphql returns.
//!
//! async-graphql 7 resolves the fields of an object concurrently and writes each into the answer
//! when it finishes, and it leaves out a field whose resolver failed. The spec says otherwise
//! (section 6.3, "Executing Selection Sets", and 6.4.4, "Handling Field Errors"): fields come
//! back in the order the query asks for them, a field that failed is `null` at its path (the
//! error beside it in `errors`), and a `null` where the schema says non-null makes the nearest
//! nullable field above it `null`. [`complete`] walks the answer along the operation's selection
//! sets and the schema's field types and puts it in that shape. It never invents data: it only
//! reorders keys, writes the `null`s the spec asks for, and carries them up.
//!
//! The alternative, fixing it field by field (every fallible resolver returning `Ok(None)` after
//! reporting its error), covers nullable fields only, and forgets the order.

use std::collections::HashMap;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::Directive;
use async_graphql::parser::types::{
    BaseType, DocumentOperations, ExecutableDocument, Field, OperationType, Selection,
    SelectionSet, Type, TypeKind, TypeSystemDefinition,
};
use async_graphql::{Name, PathSegment, Positioned, ServerError, Value, Variables};

/// The field types of the schema's object types, read once from its SDL.
#[derive(Debug, Default)]
pub struct FieldTypes {
    objects: HashMap<String, HashMap<String, Type>>,
    query: String,
    mutation: String,
    subscription: String,
}

impl FieldTypes {
    /// Reads the object types of a schema from its SDL (as `Schema::sdl` prints it).
    pub fn from_sdl(sdl: &str) -> FieldTypes {
        let mut types = FieldTypes {
            query: "Query".into(),
            mutation: "Mutation".into(),
            subscription: "Subscription".into(),
            ..FieldTypes::default()
        };
        let Ok(document) = async_graphql::parser::parse_schema(sdl) else {
            return types;
        };
        for definition in document.definitions {
            match definition {
                TypeSystemDefinition::Type(t) => {
                    if let TypeKind::Object(object) = t.node.kind {
                        let fields = object
                            .fields
                            .into_iter()
                            .map(|f| (f.node.name.node.to_string(), f.node.ty.node))
                            .collect();
                        types.objects.insert(t.node.name.node.to_string(), fields);
                    }
                }
                TypeSystemDefinition::Schema(s) => {
                    let name = |n: Option<Positioned<Name>>| n.map(|n| n.node.to_string());
                    let s = s.node;
                    types.query = name(s.query).unwrap_or(types.query);
                    types.mutation = name(s.mutation).unwrap_or(types.mutation);
                    types.subscription = name(s.subscription).unwrap_or(types.subscription);
                }
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        types
    }

    fn field(&self, object: &str, field: &str) -> Option<&Type> {
        self.objects.get(object)?.get(field)
    }

    fn is_object(&self, name: &str) -> bool {
        self.objects.contains_key(name)
    }
}

/// What the walk needs besides the answer itself.
struct Walk<'a> {
    types: &'a FieldTypes,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    /// The paths of the errors, to tell an object emptied by its fields' errors (async-graphql
    /// answers `null` for an object all of whose fields failed) from a `null` object.
    error_paths: Vec<&'a [PathSegment]>,
}

/// Puts `data`, the answer to `operation_name` of `document`, in the order and shape the spec
/// gives it. `None` when nothing can be said (no such operation): the answer is left as it is.
pub fn complete(
    types: &FieldTypes,
    document: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &Variables,
    errors: &[ServerError],
    data: Value,
) -> Value {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        (DocumentOperations::Multiple(_), None) => None,
    };
    let Some(operation) = operation else {
        return data;
    };
    let root = match operation.node.ty {
        OperationType::Query => &types.query,
        OperationType::Mutation => &types.mutation,
        OperationType::Subscription => &types.subscription,
    };
    let walk = Walk {
        types,
        document,
        variables,
        error_paths: errors.iter().map(|e| e.path.as_slice()).collect(),
    };
    let object = match data {
        Value::Object(map) => map,
        // An operation all of whose root fields failed comes back as `null`.
        Value::Null => IndexMap::new(),
        other => return other,
    };
    let mut path = Vec::new();
    match walk.object(
        &[&operation.node.selection_set.node],
        root,
        object,
        &mut path,
    ) {
        Some(map) => Value::Object(map),
        None => Value::Null,
    }
}

impl Walk<'_> {
    /// The fields of `sets` that apply to `type_name`, by response key in query order, each with
    /// every field node that asked for it (the same key asked twice is one field of the answer).
    fn collect<'s>(
        &'s self,
        sets: &[&'s SelectionSet],
        type_name: &str,
        out: &mut IndexMap<Name, Vec<&'s Field>>,
    ) {
        for set in sets {
            for selection in &set.items {
                if !self.included(selection.node.directives()) {
                    continue;
                }
                match &selection.node {
                    Selection::Field(field) => {
                        out.entry(field.node.response_key().node.clone())
                            .or_default()
                            .push(&field.node);
                    }
                    Selection::FragmentSpread(spread) => {
                        if let Some(fragment) =
                            self.document.fragments.get(&spread.node.fragment_name.node)
                            && self.applies(&fragment.node.type_condition.node.on.node, type_name)
                        {
                            self.collect(&[&fragment.node.selection_set.node], type_name, out);
                        }
                    }
                    Selection::InlineFragment(inline) => {
                        let applies = inline
                            .node
                            .type_condition
                            .as_ref()
                            .is_none_or(|c| self.applies(&c.node.on.node, type_name));
                        if applies {
                            self.collect(&[&inline.node.selection_set.node], type_name, out);
                        }
                    }
                }
            }
        }
    }

    /// Whether a fragment on `condition` applies to an object of type `type_name`. An abstract
    /// condition (an interface or union, which this schema does not have) is taken to apply.
    fn applies(&self, condition: &str, type_name: &str) -> bool {
        condition == type_name || !self.types.is_object(condition)
    }

    /// `@skip(if:)` and `@include(if:)`, with variables.
    fn included(&self, directives: &[Positioned<Directive>]) -> bool {
        directives.iter().all(|d| {
            let condition = d.node.get_argument("if").is_some_and(|v| {
                let value = v.node.clone().into_const_with(|name| {
                    Ok::<_, ()>(self.variables.get(&name).cloned().unwrap_or(Value::Null))
                });
                matches!(value, Ok(Value::Boolean(true)))
            });
            match d.node.name.node.as_str() {
                "skip" => !condition,
                "include" => condition,
                _ => true,
            }
        })
    }

    fn error_below(&self, path: &[PathSegment]) -> bool {
        self.error_paths
            .iter()
            .any(|p| p.len() > path.len() && p.starts_with(path))
    }

    /// An object of `type_name`, its fields in query order. `None` when a non-null field is
    /// `null`: the object itself must then be `null`.
    fn object(
        &self,
        sets: &[&SelectionSet],
        type_name: &str,
        mut object: IndexMap<Name, Value>,
        path: &mut Vec<PathSegment>,
    ) -> Option<IndexMap<Name, Value>> {
        let mut fields = IndexMap::new();
        self.collect(sets, type_name, &mut fields);
        let mut out = IndexMap::with_capacity(fields.len());
        for (key, nodes) in fields {
            let value = object.shift_remove(&key);
            let name = nodes[0].name.node.as_str();
            let ty = match self.types.field(type_name, name) {
                Some(ty) if !name.starts_with("__") => ty,
                // `__typename`, introspection, or a field the SDL does not show: as it came.
                _ => {
                    if let Some(v) = value {
                        out.insert(key, v);
                    }
                    continue;
                }
            };
            path.push(PathSegment::Field(key.to_string()));
            let completed = self.value(ty, &nodes, value.unwrap_or(Value::Null), path);
            path.pop();
            out.insert(key, completed?);
        }
        Some(out)
    }

    /// A value of type `ty`. `None` when it is `null` and `ty` is non-null.
    fn value(
        &self,
        ty: &Type,
        nodes: &[&Field],
        value: Value,
        path: &mut Vec<PathSegment>,
    ) -> Option<Value> {
        let completed = match (&ty.base, value) {
            (BaseType::Named(name), Value::Null)
                if self.types.is_object(name) && self.error_below(path) =>
            {
                let sets: Vec<&SelectionSet> =
                    nodes.iter().map(|f| &f.selection_set.node).collect();
                self.object(&sets, name, IndexMap::new(), path)
                    .map(Value::Object)
            }
            (_, Value::Null) => None,
            (BaseType::List(item), Value::List(items)) => {
                let mut out = Vec::with_capacity(items.len());
                let mut complete = true;
                for (i, v) in items.into_iter().enumerate() {
                    path.push(PathSegment::Index(i));
                    let item = self.value(item, nodes, v, path);
                    path.pop();
                    match item {
                        Some(v) => out.push(v),
                        None => {
                            complete = false;
                            break;
                        }
                    }
                }
                complete.then_some(Value::List(out))
            }
            (BaseType::Named(name), Value::Object(map)) if self.types.is_object(name) => {
                let sets: Vec<&SelectionSet> =
                    nodes.iter().map(|f| &f.selection_set.node).collect();
                self.object(&sets, name, map, path).map(Value::Object)
            }
            (_, other) => Some(other),
        };
        match completed {
            Some(v) => Some(v),
            None if ty.nullable => Some(Value::Null),
            None => None,
        }
    }
}
