//! `kgraph timeline ENTITY`: an entity's mentions month by month, as a text chart or JSON.

use std::io::Write as _;

use anyhow::{Result, anyhow, bail};
use graph_core::period::PeriodError;
use graph_core::{EntityIdx, KnowledgeGraph, Period, TimelineMonth};

use crate::cli::{TimelineArgs, TimelineFormat};

/// The widest bar, in characters.
const BAR: usize = 40;

/// Prints the timeline of the entity the arguments name.
pub fn run(args: TimelineArgs) -> Result<()> {
    let period = period(args.from.as_deref(), args.to.as_deref())?;
    let graph = super::load_graph(&args.inputs)?;
    let entity = resolve(&graph, &args.entity)?;
    let months = graph.timeline(entity, period, args.top);
    let mut out = std::io::stdout().lock();
    match args.format {
        TimelineFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json(&graph, &months))?;
            writeln!(out)?;
        }
        TimelineFormat::Text => write!(out, "{}", chart(&graph, entity, &months))?,
    }
    out.flush()?;
    Ok(())
}

/// `--from` and `--to`, read as `Query.timeline` reads them.
fn period(from: Option<&str>, to: Option<&str>) -> Result<Period> {
    Period::parse(from, to).map_err(|e| match e {
        PeriodError::NotADate { field, value } => {
            anyhow!("--{field} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value:?}")
        }
        PeriodError::Reversed { .. } => anyhow!("--to comes before --from"),
    })
}

/// The entity with this id, else the one entity with this name.
fn resolve(graph: &KnowledgeGraph, name: &str) -> Result<EntityIdx> {
    if let Some(idx) = graph.entity_by_id(name) {
        return Ok(idx);
    }
    match graph.lookup(name).as_slice() {
        [one] => Ok(*one),
        [] => bail!("no entity has the id or name {name:?}"),
        several => {
            let ids: Vec<&str> = several
                .iter()
                .map(|&i| graph.entity(i).id.as_str())
                .collect();
            bail!(
                "{name:?} names {} entities ({}); give one id",
                ids.len(),
                ids.join(", ")
            )
        }
    }
}

fn json(graph: &KnowledgeGraph, months: &[TimelineMonth]) -> serde_json::Value {
    months
        .iter()
        .map(|m| {
            serde_json::json!({
                "month": m.label(),
                "mentions": m.mentions,
                "documents": m.documents,
                "co_mentions": m.co_mentions.iter().map(|&(e, n)| serde_json::json!({
                    "entity": graph.entity(e).id,
                    "name": graph.entity(e).name,
                    "sentences": n,
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// One line per month from the first to the last; a run of months without a mention is one line,
/// so that the gaps show without filling the screen.
fn chart(graph: &KnowledgeGraph, entity: EntityIdx, months: &[TimelineMonth]) -> String {
    let e = graph.entity(entity);
    let mut s = format!("{} ({}), mentions per month", e.name, e.id);
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        s.push_str(": none in dated documents\n");
        return s;
    };
    s.push_str(&format!(", {} to {}\n", first.label(), last.label()));
    let most = months.iter().map(|m| m.mentions).max().unwrap_or(1).max(1);
    let width = most.to_string().len();
    let next = |(y, m): (u16, u8)| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let label = |(y, m): (u16, u8)| format!("{y:04}-{m:02}");
    let mut previous: Option<(u16, u8)> = None;
    for m in months {
        let at = (m.year, m.month);
        if let Some(p) = previous {
            let gap_start = next(p);
            if gap_start != at {
                let mut gap_end = gap_start;
                while next(gap_end) != at {
                    gap_end = next(gap_end);
                }
                let span = if gap_start == gap_end {
                    label(gap_start)
                } else {
                    format!("{} to {}", label(gap_start), label(gap_end))
                };
                s.push_str(&format!("         {:>width$}  no mention {span}\n", ""));
            }
        }
        previous = Some(at);
        let bar = ((m.mentions as usize * BAR).div_ceil(most as usize)).max(1);
        let with: Vec<String> = m
            .co_mentions
            .iter()
            .map(|&(o, n)| format!("{} {n}", graph.entity(o).name))
            .collect();
        s.push_str(&format!(
            "{}  {:<BAR$}  {:>width$}  in {} document{}{}\n",
            label(at),
            "█".repeat(bar),
            m.mentions,
            m.documents,
            if m.documents == 1 { "" } else { "s" },
            if with.is_empty() {
                String::new()
            } else {
                format!("; with {}", with.join(", "))
            }
        ));
    }
    s
}
