"""`minutes train`: rebuild the trained extractors under models/ from the data the project ships."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--lang", type=click.Choice(["zh", "en", "all"]), default="all", show_default=True,
              help="Which language's pipeline to train.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the pipeline (default models/<lang>; with --lang all, OUT/<lang>).")
@click.option("--seed", type=int, help="Random seed (default: the config's, models/config/<lang>.cfg).")
@click.option("--epochs", type=int, help="Epochs for both components (default: the config's).")
@click.option("--generated", type=int, help="How many template sentences to generate (default: the config's).")
@click.option("--limit", type=int, help="At most this many examples per data source (a quick run).")
@click.option("--retune", is_flag=True,
              help="Only set thresholds and calibration of the trained models anew from their held-out data.")
@click.option("--ami", "ami_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Rebuild models/data/ami_train.jsonl.gz from an AMI train folder (shared/eval/ami/train) first.")
def train(lang, out_dir, seed, epochs, generated, limit, retune, ami_dir):
    """Train the model extractors (spaCy; needs the models extra) from models/data and generated text.

    Seeded: the same command gives the same models. The evaluation dev sets are never trained on.

    \b
    Example:
      minutes train                          # both languages into models/zh and models/en
      minutes train --lang zh --out /tmp/zh --epochs 2 --limit 200
    """
    try:
        import spacy  # noqa: F401
    except ImportError:
        raise click.ClickException("training needs spaCy and jieba: pip install 'minutes[models]'") from None
    from extractor.training.data import convert_ami
    from extractor.training.train import TrainOptions, retune_language, train_language

    if ami_dir is not None:
        click.echo(f"models/data/ami_train.jsonl.gz: {convert_ami(ami_dir)} turns", err=True)
    for code in (("zh", "en") if lang == "all" else (lang,)):
        out = None if out_dir is None else (out_dir / code if lang == "all" else out_dir)
        options = TrainOptions(lang=code, out_dir=out, seed=seed, epochs=epochs, generated=generated, limit=limit)
        run = retune_language if retune else train_language
        meta = run(options, report=lambda line: click.echo(line, err=True))
        click.echo(f"{code}: thresholds {meta['thresholds']}", err=True)
